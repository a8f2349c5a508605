import { isRfc3339 } from "../contract/formats.js";
import type { FieldDescriptor, MessageDescriptor } from "../contract/message-descriptor.js";
import { ConnectError } from "../errors/connect-error.js";

/** A message in canonical form: camelCase keys, typed values, defaults of fields without presence dropped. */
export type CanonicalMessage = { [jsonName: string]: CanonicalValue };
export type CanonicalValue = string | number | boolean | CanonicalMessage | CanonicalValue[];

const INT32_TEXT = /^-?\d+(\.0*)?([eE][+-]?\d+)?$/;

/**
 * Decodes a ProtoJSON value into the canonical shape that ajv validates, the way protojson
 * reads input: both name styles, numeric strings, enum names or numbers, `null` as unset,
 * unknown fields ignored, and a type mismatch as `invalid_argument`.
 */
export function parseProtoJson(descriptor: MessageDescriptor, value: unknown): CanonicalMessage {
  return parseMessage({ root: descriptor, path: "" }, descriptor, value);
}

// Where in the request a value sits, so errors name the request type and the field path.
interface Site {
  root: MessageDescriptor;
  path: string;
}

function parseMessage(site: Site, descriptor: MessageDescriptor, value: unknown): CanonicalMessage {
  if (!isPlainObject(value)) {
    throw decodeError(
      site,
      `${site.path ? `field ${site.path}: ` : ""}expected a JSON object, got ${describe(value)}`,
    );
  }
  const out: CanonicalMessage = {};
  for (const key of Object.keys(value)) {
    const field = descriptor.byJsonName.get(key) ?? descriptor.byProtoName.get(key);
    const raw = value[key];
    if (!field || raw === null) continue;
    const at = {
      root: site.root,
      path: site.path ? `${site.path}.${field.jsonName}` : field.jsonName,
    };
    const parsed = field.repeated ? parseRepeated(at, field, raw) : parseSingular(at, field, raw);
    if (parsed === undefined || (!field.optional && isDefault(field, parsed))) {
      delete out[field.jsonName];
    } else {
      out[field.jsonName] = parsed;
    }
  }
  return out;
}

function parseRepeated(
  site: Site,
  field: FieldDescriptor,
  raw: unknown,
): CanonicalValue[] | undefined {
  if (!Array.isArray(raw)) {
    throw decodeError(site, `field ${site.path}: expected an array, got ${describe(raw)}`);
  }
  const items = raw.map((item, i) => {
    if (item === null)
      throw decodeError(site, `field ${site.path}: null is not a valid list element`);
    return parseSingular({ root: site.root, path: `${site.path}[${i}]` }, field, item);
  });
  return items.length === 0 ? undefined : items;
}

function parseSingular(site: Site, field: FieldDescriptor, raw: unknown): CanonicalValue {
  const invalid = () =>
    decodeError(site, `invalid value for ${field.kind} field ${site.path}: ${describe(raw)}`);
  switch (field.kind) {
    case "string":
      if (typeof raw !== "string") throw invalid();
      return raw;
    case "bool":
      if (typeof raw !== "boolean") throw invalid();
      return raw;
    case "int32": {
      // protojson rejects surrounding whitespace, which Number() would forgive.
      const n = typeof raw === "string" && INT32_TEXT.test(raw) ? Number(raw) : raw;
      if (typeof n !== "number" || !Number.isInteger(n) || n < -(2 ** 31) || n >= 2 ** 31)
        throw invalid();
      return n;
    }
    case "uint64": {
      if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
      if (typeof raw === "string" && /^\d{1,32}$/.test(raw) && BigInt(raw) < 2n ** 64n) {
        return BigInt(raw).toString();
      }
      throw invalid();
    }
    case "enum": {
      const numbers = field.enumNumbers ?? {};
      if (typeof raw === "string" && raw in numbers) return raw;
      if (typeof raw === "number" && Number.isInteger(raw)) {
        const name = Object.keys(numbers).find((k) => numbers[k] === raw);
        if (name) return name;
      }
      throw invalid();
    }
    case "timestamp":
      if (typeof raw !== "string" || !isRfc3339(raw)) throw invalid();
      return new Date(raw).toISOString();
    case "message":
      if (!field.message) throw invalid();
      return parseMessage(site, field.message, raw);
  }
}

function isDefault(field: FieldDescriptor, value: CanonicalValue): boolean {
  if (field.repeated || field.kind === "message" || field.kind === "timestamp") return false;
  if (field.kind === "enum") return field.enumNumbers?.[value as string] === 0;
  return (
    value === "" || value === 0 || value === false || (field.kind === "uint64" && value === "0")
  );
}

function decodeError(site: Site, detail: string): ConnectError {
  return new ConnectError("invalid_argument", `unmarshal into ${site.root.typeName}: ${detail}`);
}

/** Tells whether a JSON value is an object (a message), not an array or null. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  // Never stringify a structure: a deeply nested one overflows the stack (a 500).
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 64 ? `${text.slice(0, 61)}...` : text;
}
