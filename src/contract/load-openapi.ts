import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { findPackageRoot } from "../package-root.js";

const ROOT = findPackageRoot();

/** The OpenAPI document the mock is built from. */
export const OPENAPI_PATH = join(ROOT, "openapi", "warm-pools.yaml");

/**
 * The same document as JSON, written by `npm run generate` with the SHA-256 of the YAML it came
 * from: parsing YAML costs ~100 ms of start-up, JSON under 1 ms.
 */
export const OPENAPI_JSON_PATH = join(ROOT, "src", "generated", "openapi.json");

/** The shape of the generated JSON twin of the document. */
export interface CompiledOpenApi {
  source: string;
  sha256: string;
  document: OpenApiDocument;
}

export type OpenApiDocument = {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, JsonSchema> };
};

export type OpenApiOperation = {
  operationId: string;
  "x-connect-idempotency"?: string;
  parameters?: unknown[];
  requestBody: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: JsonSchema }> } | { $ref: string }
  >;
};

// biome-ignore lint/suspicious/noExplicitAny: JSON Schema objects are open-ended by nature.
export type JsonSchema = Record<string, any>;

/**
 * Reads `openapi/warm-pools.yaml` (or another path). For the built-in document the JSON twin
 * is used when its hash matches the YAML, so an edited YAML is never served stale.
 */
export function loadOpenApi(path: string = OPENAPI_PATH): OpenApiDocument {
  const text = readFileSync(path, "utf8");
  if (path === OPENAPI_PATH && existsSync(OPENAPI_JSON_PATH)) {
    const twin = JSON.parse(readFileSync(OPENAPI_JSON_PATH, "utf8")) as CompiledOpenApi;
    if (twin.sha256 === hashText(text)) {
      twinHashes.set(twin.document, twin.sha256);
      return twin.document;
    }
  }
  return parseYaml(text);
}

// Documents loadOpenApi read from an up-to-date JSON twin, with the YAML's hash.
const twinHashes = new WeakMap<OpenApiDocument, string>();

/**
 * The SHA-256 of openapi/warm-pools.yaml when `doc` is what loadOpenApi read from its JSON twin,
 * so files generated from that same YAML may stand in for work on the document.
 */
export function findTwinHash(doc: OpenApiDocument): string | undefined {
  return twinHashes.get(doc);
}

/** Parses YAML text; the yaml package is loaded only when a YAML document is really parsed. */
export function parseYaml(text: string): OpenApiDocument {
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return parse(text) as OpenApiDocument;
}

/** The SHA-256 (hex) the JSON twin records for its YAML source. */
export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
