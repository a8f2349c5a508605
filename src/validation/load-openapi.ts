import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { findPackageRoot } from "../package-root.js";

/** The OpenAPI document the mock is built from. */
export const OPENAPI_PATH = join(findPackageRoot(), "openapi", "warm-pools.yaml");

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

/** Reads and parses `openapi/warm-pools.yaml` (or another path) once. */
export function loadOpenApi(path: string = OPENAPI_PATH): OpenApiDocument {
  return parse(readFileSync(path, "utf8")) as OpenApiDocument;
}
