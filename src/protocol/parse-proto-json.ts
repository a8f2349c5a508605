import { isRfc3339 } from "../contract/formats.js";
import {
  type FieldDescriptor,
  hasPresence,
  type MessageDescriptor,
} from "../contract/message-descriptor.js";
import { ConnectError } from "../errors/connect-error.js";

/** A message in canonical form: camelCase keys, typed values, defaults of fields without presence dropped. */
export type CanonicalMessage = { [jsonName: string]: CanonicalValue };
export type CanonicalValue = string | number | boolean | CanonicalMessage | CanonicalValue[];

const INT32_TEXT = /^-?\d+(\.0*)?([eE][+-]?\d+)?$/;
// ProtoJSON's Duration: seconds with up to nine fractional digits, then `s`.
const DURATION_TEXT = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/;
// The largest Duration protobuf allows: 10,000 years in seconds.
const MAX_DURATION_SECONDS = 315_576_000_000n;
const BASE64_TEXT = /^[A-Za-z0-9+/_-]*={0,2}$/;

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
  // The oneof members seen so far, by oneof name: a second member set is an error, as in protojson.
  let oneofs: Map<string, string> | undefined;
  for (const key of Object.keys(value)) {
    const field = descriptor.byJsonName.get(key) ?? descriptor.byProtoName.get(key);
    const raw = value[key];
    if (!field || raw === null) continue;
    const at = {
      root: site.root,
      path: site.path ? `${site.path}.${field.jsonName}` : field.jsonName,
    };
    if (field.oneof !== undefined) {
      oneofs ??= new Map();
      const other = oneofs.get(field.oneof);
      if (other !== undefined && other !== field.jsonName) {
        throw decodeError(at, `field ${at.path}: oneof ${field.oneof} is already set by ${other}`);
      }
      oneofs.set(field.oneof, field.jsonName);
    }
    const parsed =
      field.kind === "map"
        ? parseMap(at, field, raw)
        : field.repeated
          ? parseRepeated(at, field, raw)
          : parseSingular(at, field, raw, field.kind);
    if (parsed === undefined || (!hasPresence(field) && isDefault(field, parsed))) {
      delete out[field.jsonName];
    } else {
      out[field.jsonName] = parsed;
    }
  }
  return out;
}

function parseMap(site: Site, field: FieldDescriptor, raw: unknown): CanonicalMessage | undefined {
  if (!isPlainObject(raw)) {
    throw decodeError(site, `field ${site.path}: expected a JSON object, got ${describe(raw)}`);
  }
  const out: CanonicalMessage = {};
  let size = 0;
  for (const key of Object.keys(raw)) {
    const item = raw[key];
    if (item === null) throw decodeError(site, `field ${site.path}: null is not a valid map value`);
    const at = { root: site.root, path: `${site.path}[${JSON.stringify(key)}]` };
    out[key] = parseSingular(at, field, item, field.mapValue ?? "string");
    size++;
  }
  return size === 0 ? undefined : out;
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
    return parseSingular({ root: site.root, path: `${site.path}[${i}]` }, field, item, field.kind);
  });
  return items.length === 0 ? undefined : items;
}

function parseSingular(
  site: Site,
  field: FieldDescriptor,
  raw: unknown,
  kind: FieldDescriptor["kind"],
): CanonicalValue {
  const invalid = () =>
    decodeError(site, `invalid value for ${kind} field ${site.path}: ${describe(raw)}`);
  switch (kind) {
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
    case "uint32": {
      const n = typeof raw === "string" && INT32_TEXT.test(raw) ? Number(raw) : raw;
      if (typeof n !== "number" || !Number.isInteger(n) || n < 0 || n >= 2 ** 32) throw invalid();
      return n;
    }
    case "uint64": {
      if (typeof raw === "number" && Number.isSafeInteger(raw) && raw >= 0) return String(raw);
      if (typeof raw === "string" && /^\d{1,32}$/.test(raw) && BigInt(raw) < 2n ** 64n) {
        return BigInt(raw).toString();
      }
      throw invalid();
    }
    case "int64": {
      if (typeof raw === "number" && Number.isSafeInteger(raw)) return String(raw);
      if (typeof raw === "string" && /^-?\d{1,32}$/.test(raw)) {
        const n = BigInt(raw);
        if (n >= -(2n ** 63n) && n < 2n ** 63n) return n.toString();
      }
      throw invalid();
    }
    case "bytes": {
      // Standard or URL-safe base64, padded or not; kept as the canonical padded standard form.
      if (typeof raw !== "string" || !BASE64_TEXT.test(raw)) throw invalid();
      try {
        return btoa(atob(raw.replace(/=+$/, "").replaceAll("-", "+").replaceAll("_", "/")));
      } catch {
        throw invalid();
      }
    }
    case "duration":
      if (typeof raw !== "string") throw invalid();
      return canonicalDuration(raw) ?? throwError(invalid());
    case "enum": {
      const numbers = field.enumNumbers ?? {};
      if (typeof raw === "string" && raw in numbers) return raw;
      // Enums are open: a number the enum does not name is kept, for enum.defined_only to judge.
      if (typeof raw === "number" && Number.isInteger(raw) && raw >= -(2 ** 31) && raw < 2 ** 31) {
        const name = Object.keys(numbers).find((k) => numbers[k] === raw);
        return name ?? raw;
      }
      throw invalid();
    }
    case "map":
      throw invalid();
    case "timestamp":
      if (typeof raw !== "string" || !isRfc3339(raw)) throw invalid();
      return new Date(raw).toISOString();
    case "message":
      if (!field.message) throw invalid();
      return parseMessage(site, field.message, raw);
  }
}

function isDefault(field: FieldDescriptor, value: CanonicalValue): boolean {
  if (field.repeated || field.kind === "map") return false;
  if (field.kind === "enum") return value === 0 || field.enumNumbers?.[value as string] === 0;
  return (
    value === "" ||
    value === 0 ||
    value === false ||
    ((field.kind === "uint64" || field.kind === "int64") && value === "0")
  );
}

/**
 * A ProtoJSON Duration in one spelling per value (`-1.5s`, `300s`: no leading zeros, no
 * trailing fractional zeros), so a pattern can check its range; undefined when it is none.
 */
export function canonicalDuration(text: string): string | undefined {
  const m = DURATION_TEXT.exec(text);
  if (!m) return undefined;
  const [, minus = "", whole = "", fraction = ""] = m;
  const seconds = BigInt(whole);
  if (seconds > MAX_DURATION_SECONDS) return undefined;
  const digits = fraction.replace(/0+$/, "");
  if (seconds === 0n && digits === "") return "0s";
  return `${minus}${seconds}${digits ? `.${digits}` : ""}s`;
}

function throwError(error: Error): never {
  throw error;
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
