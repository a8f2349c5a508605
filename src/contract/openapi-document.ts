import { OPENAPI_JSON, OPENAPI_SHA256 } from "../generated/openapi-document.js";

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

/** The SHA-256 of the openapi/warm-pools.yaml the embedded document was generated from. */
export const EMBEDDED_OPENAPI_SHA256 = OPENAPI_SHA256;

let embedded: OpenApiDocument | undefined;

/**
 * openapi/warm-pools.yaml as `npm run generate` embedded it (src/generated/): what the core
 * serves without reading a file. One object per process, never to be changed: the request
 * validators generated from the same YAML stand in for compiling it (see loadContract).
 */
export function embeddedOpenApi(): OpenApiDocument {
  embedded ??= JSON.parse(OPENAPI_JSON) as OpenApiDocument;
  return embedded;
}

/** Whether `doc` is the embedded document itself, so generated code may stand in for it. */
export function isEmbeddedOpenApi(doc: OpenApiDocument): boolean {
  return doc === embedded;
}
