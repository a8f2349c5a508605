import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { ContractDocument, JsonObject } from "./load-contract-document.js";

/** Checks a response body against the schema the contract gives for its RPC and HTTP status. */
export interface ResponseValidator {
  /** RPC method names (the last path segment) the contract defines. */
  readonly methods: readonly string[];
  /** The schema name (or "inline") that applies, for messages. */
  schemaName(method: string, status: number): string | undefined;
  /** The values of a component schema's enum (e.g. WarmPoolPhase). */
  enumValues(schemaName: string): readonly string[];
  /** Returns readable violations; an empty list means the body conforms. */
  validate(method: string, status: number, body: unknown): string[];
}

const COMPONENT_REF = "#/components/schemas/";
const ID_PREFIX = "urn:warm-pool-contract:";

const HYPHENATED_UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const UINT64_MAX = 18446744073709551615n;

/**
 * Compiles, once, a strict ajv validator for every response the document describes. The
 * harness keeps its own formats so it judges a target without trusting the mock's code.
 */
export function createResponseValidator(doc: ContractDocument): ResponseValidator {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat("uuid", { type: "string", validate: (s) => HYPHENATED_UUID.test(s) });
  ajv.addFormat("date-time", { type: "string", validate: isDateTime });
  ajv.addFormat("uint64", {
    type: "string",
    validate: (s) => /^\d+$/.test(s) && BigInt(s) <= UINT64_MAX,
  });
  ajv.addFormat("int32", {
    type: "number",
    validate: (n) => Number.isInteger(n) && Math.abs(n + 0.5) <= 2 ** 31,
  });
  for (const [name, schema] of Object.entries(doc.components.schemas)) {
    ajv.addSchema({ ...toAjvSchema(schema), $id: ID_PREFIX + name });
  }

  const compiled = new Map<string, { name: string; validate: ValidateFunction }>();
  // Answers the document declares without a body (405, 415, the unknown-procedure 404).
  const bare = new Set<string>();
  const methods: string[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    const operation = item.post;
    // A templated path (`/{service}/{procedure}`) describes paths that are not RPCs.
    if (!operation || path.includes("{")) continue;
    const method = path.slice(path.lastIndexOf("/") + 1);
    methods.push(method);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const schema = resolveResponse(doc, response as JsonObject)?.content?.["application/json"]
        ?.schema as JsonObject | undefined;
      if (!schema) {
        bare.add(`${method} ${status}`);
        continue;
      }
      const ref = typeof schema.$ref === "string" ? schema.$ref : "";
      const name = ref.startsWith(COMPONENT_REF) ? ref.slice(COMPONENT_REF.length) : "inline";
      compiled.set(`${method} ${status}`, { name, validate: ajv.compile(toAjvSchema(schema)) });
    }
  }

  const find = (method: string, status: number) =>
    compiled.get(`${method} ${status}`) ?? compiled.get(`${method} default`);
  return {
    methods,
    schemaName: (method, status) => find(method, status)?.name,
    enumValues: (name) => (doc.components.schemas[name]?.enum as string[] | undefined) ?? [],
    validate(method, status, body) {
      if (bare.has(`${method} ${status}`)) {
        return body === undefined ? [] : [`the contract describes HTTP ${status} without a body`];
      }
      const entry = find(method, status);
      if (!entry) return [`the contract describes no ${status} response for ${method}`];
      if (entry.validate(body)) return [];
      return (entry.validate.errors ?? []).map(describeAjvError);
    },
  };
}

// Date.parse rolls 2026-02-30 over into March; the day must exist in its month.
function isDateTime(text: string): boolean {
  if (!DATE_TIME.test(text)) return false;
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function resolveResponse(doc: ContractDocument, response: JsonObject): JsonObject | undefined {
  const ref = response.$ref;
  if (typeof ref !== "string") return response;
  return doc.components.responses?.[ref.slice(ref.lastIndexOf("/") + 1)];
}

// The harness ignores the x-proto-* annotations, and refs must point at ajv's IDs.
function toAjvSchema(node: unknown): JsonObject {
  if (Array.isArray(node)) return node.map(toAjvSchema) as unknown as JsonObject;
  if (typeof node !== "object" || node === null) return node as JsonObject;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-")) continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith(COMPONENT_REF)) {
      out.$ref = ID_PREFIX + value.slice(COMPONENT_REF.length);
    } else {
      out[key] = key === "enum" || key === "required" ? value : toAjvSchema(value);
    }
  }
  return out;
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath || "(body)";
  if (error.keyword === "additionalProperties") {
    return `${where} has unexpected property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (error.keyword === "enum") {
    return `${where} ${error.message}: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  }
  return `${where} ${error.message}`;
}
