import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import type { ContractDocument, JsonObject } from "./load-contract-document.js";

/** What a response body's check found. */
export interface ResponseCheck {
  /** Missing required fields, wrong types, unknown enum names, bad formats: failures. */
  problems: string[];
  /**
   * Properties the schema does not name. Adding a field is a compatible change (ProtoJSON
   * clients ignore unknown fields), so these are warnings unless the run is strict.
   */
  unknownFields: string[];
}

/** Checks a response body against the schema the contract gives for its RPC and HTTP status. */
export interface ResponseValidator {
  /** RPC method names (the last path segment) the contract defines. */
  readonly methods: readonly string[];
  /** The schema name (or "inline") that applies, for messages. */
  schemaName(method: string, status: number): string | undefined;
  /**
   * The enum a response schema gives the property at `path` (e.g. GetWarmPool 200,
   * warmPool.status.phase), found through refs and allOf; empty when it gives none. Read from
   * the response rather than by a schema's name, which a bundled split document loses.
   */
  enumAt(method: string, status: number, path: readonly string[]): readonly string[];
  validate(method: string, status: number, body: unknown): ResponseCheck;
}

const COMPONENT_SCHEMAS = "/components/schemas/";
// Each referenced schema gets an ID by number: pointers hold characters IDs may not.
const ID_PREFIX = "https://warm-pool-contract.invalid/schema/";
// Annotations of OpenAPI 3.0 schemas that JSON Schema 2020-12 does not know.
const OPENAPI_ANNOTATIONS = ["example", "xml", "externalDocs", "discriminator"];

const HYPHENATED_UUID = /^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i;
const DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[Tt]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const UINT64_MAX = 18446744073709551615n;

/**
 * Compiles, once, two ajv validators for every response the document describes: one as
 * written, one with closed objects opened, so an unknown field is told apart from a real
 * defect. The harness keeps its own formats so it judges a target without trusting the
 * mock's code. Every `$ref` is a JSON pointer into the (bundled) document.
 */
export function createResponseValidator(doc: ContractDocument): ResponseValidator {
  const closed = createAjv();
  const open = createAjv();
  const registered = new Map<string, string>();
  const pending: string[] = [];
  const refId = (pointer: string) => {
    let id = registered.get(pointer);
    if (id === undefined) {
      id = `${ID_PREFIX}${registered.size}`;
      registered.set(pointer, id);
      pending.push(pointer);
    }
    return id;
  };
  const compile = (schema: unknown) => {
    const converted = toAjvSchema(schema, refId);
    for (let pointer = pending.pop(); pointer !== undefined; pointer = pending.pop()) {
      const target = resolvePointer(doc, pointer);
      if (target === undefined) throw new Error(`$ref "#${pointer}" points at nothing`);
      const $id = refId(pointer);
      const schemaAt = toAjvSchema(target, refId);
      closed.addSchema({ ...schemaAt, $id });
      open.addSchema({ ...openObjects(schemaAt), $id });
    }
    return { closed: closed.compile(converted), open: open.compile(openObjects(converted)) };
  };

  const compiled = new Map<
    string,
    { name: string; schema: JsonObject; closed: ValidateFunction; open: ValidateFunction }
  >();
  // Answers the document declares without a body (405, 415, the unknown-procedure 404).
  const bare = new Set<string>();
  const methods: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    const operation = item.post;
    // A templated path (`/{service}/{procedure}`) describes paths that are not RPCs.
    if (!operation || path.includes("{")) continue;
    const method = path.slice(path.lastIndexOf("/") + 1);
    methods.push(method);
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const schema = follow(doc, response as JsonObject)?.content?.["application/json"]?.schema as
        | JsonObject
        | undefined;
      if (!schema) {
        bare.add(`${method} ${status}`);
        continue;
      }
      const ref = typeof schema.$ref === "string" ? schema.$ref.slice(1) : "";
      const name = ref.startsWith(COMPONENT_SCHEMAS)
        ? ref.slice(COMPONENT_SCHEMAS.length)
        : `the ${method} ${status} response schema`;
      compiled.set(`${method} ${status}`, { name, schema, ...compile(schema) });
    }
  }

  const find = (method: string, status: number) =>
    compiled.get(`${method} ${status}`) ?? compiled.get(`${method} default`);
  return {
    methods,
    schemaName: (method, status) => find(method, status)?.name,
    enumAt(method, status, path) {
      const entry = find(method, status);
      return entry ? findEnum(doc, entry.schema, path) : [];
    },
    validate(method, status, body) {
      if (bare.has(`${method} ${status}`)) {
        const problems =
          body === undefined ? [] : [`the contract describes HTTP ${status} without a body`];
        return { problems, unknownFields: [] };
      }
      const entry = find(method, status);
      if (!entry)
        return {
          problems: [`the contract describes no ${status} response for ${method}`],
          unknownFields: [],
        };
      const problems = entry.open(body) ? [] : (entry.open.errors ?? []).map(describeAjvError);
      const unknownFields = entry.closed(body)
        ? []
        : (entry.closed.errors ?? []).filter(isUnknownField).map(describeAjvError);
      return { problems, unknownFields };
    },
  };
}

function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addVocabulary(OPENAPI_ANNOTATIONS);
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
  ajv.addFormat("int64", { type: "string", validate: (s) => /^-?\d+$/.test(s) });
  // An absolute URI: a scheme, then no whitespace (the answer is judged, not parsed).
  ajv.addFormat("uri", {
    type: "string",
    validate: (s) => /^[A-Za-z][A-Za-z0-9+.-]*:\S*$/.test(s),
  });
  return ajv;
}

// Date.parse rolls 2026-02-30 over into March; the day must exist in its month.
function isDateTime(text: string): boolean {
  if (!DATE_TIME.test(text)) return false;
  const [year, month, day] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

/** Follows `$ref`s (JSON pointers into the document) until an object that is not one. */
function follow(doc: ContractDocument, node: JsonObject): JsonObject | undefined {
  let current: JsonObject | undefined = node;
  for (let hops = 0; typeof current?.$ref === "string" && hops < 32; hops++) {
    current = resolvePointer(doc, (current.$ref as string).slice(1)) as JsonObject | undefined;
  }
  return current;
}

function findEnum(doc: ContractDocument, schema: JsonObject, path: readonly string[]): string[] {
  const node = follow(doc, schema);
  if (!node) return [];
  const [head, ...rest] = path;
  if (head === undefined) return Array.isArray(node.enum) ? (node.enum as string[]) : [];
  const branches = [node.properties?.[head], ...(node.allOf ?? [])];
  for (const branch of branches) {
    if (!branch) continue;
    const found = findEnum(doc, branch, branch === node.properties?.[head] ? rest : path);
    if (found.length > 0) return found;
  }
  return [];
}

// Bundling may leave pointers that pass through a $ref (json-schema-ref-parser writes the path
// as seen with refs resolved), so a step into a $ref object follows the ref first.
function resolvePointer(doc: ContractDocument, pointer: string, depth = 0): unknown {
  let node: unknown = doc;
  for (const part of pointer.split("/").slice(1)) {
    const key = decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~");
    if (typeof node !== "object" || node === null) return undefined;
    const ref = (node as JsonObject).$ref;
    if (!Object.hasOwn(node, key) && typeof ref === "string" && ref.startsWith("#") && depth < 32)
      node = resolvePointer(doc, ref.slice(1), depth + 1);
    if (typeof node !== "object" || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

// The harness ignores the x-* annotations, reads OpenAPI 3.0's nullable, and points refs at ajv's IDs.
function toAjvSchema(node: unknown, refId: (pointer: string) => string): JsonObject {
  if (Array.isArray(node)) return node.map((n) => toAjvSchema(n, refId)) as unknown as JsonObject;
  if (typeof node !== "object" || node === null) return node as JsonObject;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if (key.startsWith("x-") || key === "nullable") continue;
    if (key === "$ref" && typeof value === "string" && value.startsWith("#")) {
      out.$ref = refId(value.slice(1));
    } else {
      out[key] = key === "enum" || key === "required" ? value : toAjvSchema(value, refId);
    }
  }
  const typed = node as JsonObject;
  if (typed.nullable === true && typeof typed.type === "string") out.type = [typed.type, "null"];
  return out;
}

/** The same schema with every closed object opened (additional/unevaluated properties false). */
function openObjects(node: JsonObject): JsonObject {
  if (Array.isArray(node)) return node.map(openObjects) as unknown as JsonObject;
  if (typeof node !== "object" || node === null) return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node)) {
    if ((key === "additionalProperties" || key === "unevaluatedProperties") && value === false)
      continue;
    out[key] = key === "enum" || key === "required" ? value : openObjects(value as JsonObject);
  }
  return out;
}

function isUnknownField(error: ErrorObject): boolean {
  return error.keyword === "additionalProperties" || error.keyword === "unevaluatedProperties";
}

function describeAjvError(error: ErrorObject): string {
  const where = error.instancePath || "(body)";
  if (error.keyword === "additionalProperties") {
    return `${where} has unexpected property "${(error.params as { additionalProperty: string }).additionalProperty}"`;
  }
  if (error.keyword === "unevaluatedProperties") {
    return `${where} has unexpected property "${(error.params as { unevaluatedProperty: string }).unevaluatedProperty}"`;
  }
  if (error.keyword === "enum") {
    return `${where} ${error.message}: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(", ")}`;
  }
  return `${where} ${error.message}`;
}
