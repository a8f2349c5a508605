import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI and JSON Schema objects are open-ended.
export type JsonObject = Record<string, any>;

/** The parts of a bundled OpenAPI 3.x document the harness reads; every `$ref` is internal. */
export interface ContractDocument {
  openapi: string;
  paths: Record<string, Record<string, JsonObject>>;
  components?: { schemas?: Record<string, JsonObject>; responses?: Record<string, JsonObject> };
}

/** The RPCs the harness calls: a document that leaves one out cannot judge the run. */
export const CONTRACT_RPCS = [
  "CreateWarmPool",
  "GetWarmPool",
  "ListWarmPools",
  "UpdateWarmPool",
  "DeleteWarmPool",
] as const;
const SERVICE_PATH = "/gitpod.v1.PrebuildService/";

// From contract-tests/src/contract/ under tsx, or dist/contract-tests/src/contract/ once built.
const BUNDLED_CANDIDATES = [
  "../../../openapi/warm-pools.yaml",
  "../../../../openapi/warm-pools.yaml",
];

/** The repository's own contract file, wherever this module runs from. */
export function findBundledContract(): string {
  for (const candidate of BUNDLED_CANDIDATES) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("openapi/warm-pools.yaml not found next to the harness; pass --openapi FILE");
}

/**
 * Reads an OpenAPI 3.0 or 3.1 document (YAML or JSON, split over files or not): validated
 * against the OpenAPI schema and its own rules by swagger-parser, then bundled so that every
 * `$ref` into another file becomes a pointer inside the one document. Throws, naming the
 * file and the location of the problem, when the document is invalid or lacks an RPC.
 */
export async function loadContractDocument(
  path: string = findBundledContract(),
): Promise<ContractDocument> {
  let doc: JsonObject;
  try {
    // validate() dereferences a copy of its own; the validator wants refs kept (bundled).
    await SwaggerParser.validate(path);
    doc = (await SwaggerParser.bundle(path)) as JsonObject;
  } catch (error) {
    // A broken $ref's message names the file it could not read, not where the $ref sits:
    // validating again with continueOnError gathers every broken $ref with its location.
    const located = await SwaggerParser.validate(path, {
      continueOnError: true,
    } as SwaggerParser.Options).then(
      () => undefined,
      (grouped: unknown) => grouped,
    );
    const explained = hasRefErrors(located) ? located : error;
    throw new Error(`${path} is not a valid OpenAPI document: ${describeLoadError(explained)}`);
  }
  if (typeof doc.openapi !== "string" || !/^3\.[01]\./.test(doc.openapi)) {
    throw new Error(
      `${path} is ${doc.swagger ? `Swagger ${doc.swagger}` : `OpenAPI ${doc.openapi}`}; the harness reads OpenAPI 3.0 and 3.1`,
    );
  }
  const missing = CONTRACT_RPCS.filter((rpc) => !doc.paths?.[SERVICE_PATH + rpc]?.post);
  if (missing.length > 0) {
    throw new Error(
      `${path} describes no ${missing.map((rpc) => `POST ${SERVICE_PATH}${rpc}`).join(", ")} (#/paths)`,
    );
  }
  return doc as ContractDocument;
}

interface RefError {
  message: string;
  source?: string;
  path?: (string | number)[];
}

function hasRefErrors(error: unknown): boolean {
  const group = (error as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(group) && group.length > 0;
}

// A group of $ref errors names each one's file and JSON pointer; other errors carry theirs.
function describeLoadError(error: unknown): string {
  const group = (error as { errors?: RefError[] }).errors;
  if (!Array.isArray(group) || group.length === 0) return (error as Error).message.trim();
  return group
    .map((e) => {
      const pointer = (e.path ?? [])
        .map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1"))
        .join("/");
      return `\n  ${e.source ?? ""}#/${pointer}: ${e.message}`;
    })
    .join("");
}
