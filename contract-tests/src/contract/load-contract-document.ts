import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

// biome-ignore lint/suspicious/noExplicitAny: OpenAPI and JSON Schema objects are open-ended.
export type JsonObject = Record<string, any>;

/** The parts of an OpenAPI 3.1 document the harness reads. */
export interface ContractDocument {
  paths: Record<string, Record<string, JsonObject>>;
  components: { schemas: Record<string, JsonObject>; responses?: Record<string, JsonObject> };
}

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

/** Reads an OpenAPI document (YAML or JSON) and checks it has the parts the harness needs. */
export function loadContractDocument(path: string = findBundledContract()): ContractDocument {
  const doc = parse(readFileSync(path, "utf8")) as Partial<ContractDocument> | null;
  if (!doc || typeof doc !== "object" || !doc.paths || !doc.components?.schemas) {
    throw new Error(`${path} is not an OpenAPI document with paths and components.schemas`);
  }
  return doc as ContractDocument;
}
