import type { CodeOptions, FormatDefinition } from "ajv";
import type { Ajv2020 } from "ajv/dist/2020.js";
import { FORMATS } from "./formats.js";
import type { JsonSchema, OpenApiDocument } from "./openapi-document.js";

/** The `$id` under which the document's component schemas are registered. */
export const SCHEMAS_ID = "warm-pools.json";

// Every x- keyword the document uses; strict mode rejects any other unknown keyword.
const EXTENSION_KEYWORDS = [
  "x-proto-name",
  "x-proto-number",
  "x-proto-type",
  "x-proto-optional",
  "x-proto-repeated",
  "x-proto-message",
  "x-proto-enum",
  "x-proto-enum-numbers",
  "x-proto-oneof",
  "x-proto-oneof-required",
  "x-proto-map-value",
  "x-proto-cel",
  "x-proto-duration",
];

/** How createAjv's instance is set up beyond the fixed rules. */
export interface CreateAjvOptions {
  /** Check the document against the 2020-12 meta-schema (tests do; start-up does not). */
  checkMetaSchema?: boolean;
  /** ajv's code options: scripts/generate.ts asks for the source of standalone validators. */
  code?: CodeOptions;
}

/**
 * Creates a strict ajv (JSON Schema 2020-12, OpenAPI 3.1's dialect) holding every component
 * schema of the document under `warm-pools.json#/$defs/<Name>`.
 */
export function createAjv(
  doc: OpenApiDocument,
  { checkMetaSchema = false, code }: CreateAjvOptions = {},
): Ajv2020 {
  // Checking the document against the 2020-12 meta-schema compiles that meta-schema, ~130 ms
  // of every start; the document is fixed, so a test does it (load-contract.test.ts) instead.
  // Unchecked, the meta-schemas are not even added (~7 ms of the first request).
  const ajv = new (loadAjv2020())({
    strict: true,
    allErrors: true,
    verbose: true,
    // A `default` of "" marks a proto3 field whose rules protovalidate applies to the unset
    // (empty) value too: filling it in makes the schema check that value.
    useDefaults: true,
    validateSchema: checkMetaSchema,
    meta: checkMetaSchema,
    ...(code ? { code } : {}),
  });
  ajv.addVocabulary(EXTENSION_KEYWORDS);
  for (const [name, format] of Object.entries(FORMATS)) {
    ajv.addFormat(name, format as FormatDefinition<string> | FormatDefinition<number>);
  }
  ajv.addSchema({ $id: SCHEMAS_ID, $defs: rewriteRefs(doc.components.schemas) });
  return ajv;
}

/** The `$ref` that reaches a component schema inside the ajv instance. */
export function componentRef(name: string): { $ref: string } {
  return { $ref: `${SCHEMAS_ID}#/$defs/${name}` };
}

// OpenAPI points at `#/components/schemas/X`; inside ajv the same schemas live at `#/$defs/X`.
function rewriteRefs(value: JsonSchema): JsonSchema {
  return JSON.parse(
    JSON.stringify(value).replaceAll('"#/components/schemas/', '"#/$defs/'),
    (key, item) => (UNREAD.has(key) && !isSchema(item) ? undefined : item),
  ) as JsonSchema;
}

// The x- keywords validation reads: toViolations words a failed rule from them.
const RULE_KEYWORDS = new Set(["x-proto-cel", "x-proto-duration", "x-proto-oneof-required"]);

// What validation never reads: prose, and the x-proto keywords the message descriptors take
// from the document itself. ajv's code, and so the generated validators a browser bundle
// carries, holds every schema it compiles: leaving these out keeps that within
// docs/decisions/2026-12-05-browser-bundle-budget.md's budget.
const UNREAD = new Set([
  "description",
  ...EXTENSION_KEYWORDS.filter((keyword) => !RULE_KEYWORDS.has(keyword)),
]);

// A field of a message may be named like a keyword (EnvironmentClass.description): it is a
// schema object, and stays.
function isSchema(item: unknown): boolean {
  return typeof item === "object" && item !== null && !Array.isArray(item) && !isNumberMap(item);
}

// x-proto-enum-numbers is an object too: names to numbers.
function isNumberMap(item: object): boolean {
  const values = Object.values(item);
  return values.length > 0 && values.every((v) => typeof v === "number");
}

type Ajv2020Class = typeof Ajv2020;

let provider: (() => Ajv2020Class) | undefined;

/**
 * Says where the Ajv2020 class comes from. Importing ajv costs ~30 to 50 ms that a server
 * answering its first request (or only /healthz) need not pay up front, and only a platform
 * layer can load a module lazily and synchronously: the Node entries hand in a lazy require
 * (src/adapters/node/provide-ajv.ts), the platform-neutral entry a static import.
 */
export function provideAjv(load: () => Ajv2020Class): void {
  provider = load;
}

/** The Ajv2020 class, from what an entry provided (see provideAjv). */
export function loadAjv2020(): Ajv2020Class {
  if (!provider) {
    throw new Error(
      "ajv is not provided: import the package through an entry (warm-pool-mock, warm-pool-mock/fetch), which provides it",
    );
  }
  return provider();
}
