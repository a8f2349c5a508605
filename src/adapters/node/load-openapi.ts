import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  EMBEDDED_OPENAPI_SHA256,
  embeddedOpenApi,
  type OpenApiDocument,
} from "../../contract/openapi-document.js";
import { findPackageRoot } from "../../package-root.js";

export type {
  JsonSchema,
  OpenApiDocument,
  OpenApiOperation,
} from "../../contract/openapi-document.js";

const ROOT = findPackageRoot();

/** The OpenAPI document the mock is built from. */
export const OPENAPI_PATH = join(ROOT, "openapi", "warm-pools.yaml");

/** The admin API's own OpenAPI document. */
export const ADMIN_OPENAPI_PATH = join(ROOT, "openapi", "admin.yaml");

/**
 * Reads `openapi/warm-pools.yaml` (or another path). For the built-in document the embedded
 * one (src/generated/openapi-document.ts) is used when its hash matches the YAML, so an
 * edited YAML is never served stale and an unedited one costs no YAML parse (~100 ms).
 */
export function loadOpenApi(path: string = OPENAPI_PATH): OpenApiDocument {
  const text = readFileSync(path, "utf8");
  if (path === OPENAPI_PATH && hashText(text) === EMBEDDED_OPENAPI_SHA256) return embeddedOpenApi();
  return parseYaml(text);
}

/** Parses YAML text; the yaml package is loaded only when a YAML document is really parsed. */
export function parseYaml(text: string): OpenApiDocument {
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  return parse(text) as OpenApiDocument;
}

/** The SHA-256 (hex) the embedded document records for its YAML source. */
export function hashText(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}
