import {
  type FieldDescriptor,
  hasPresence,
  type MessageDescriptor,
} from "../contract/message-descriptor.js";
import { formatTimestamp } from "./format-timestamp.js";

/**
 * A message as the domain hands it out: JSON names, plain JS values, timestamps as epoch ms
 * (or as RFC 3339 text, the wire type).
 */
export type MessageValue = { [jsonName: string]: unknown };

/** Writes one message value as ProtoJSON text. */
type ProtoJsonWriter = (value: MessageValue) => string;

const writers = new WeakMap<MessageDescriptor, ProtoJsonWriter>();

/**
 * The key of a message value's text slot. A value that carries one is promised never to change,
 * nested messages included, so its text can be kept in the slot and handed out again.
 */
export const TEXT_SLOT = Symbol("warm-pool-mock.textSlot");

/** Where an unchanging message value's ProtoJSON text is kept once it is worth keeping. */
export interface TextSlot {
  writes: number;
  text: string | undefined;
}

/** A fresh, empty text slot for a message value that will not change. */
export function createTextSlot(): TextSlot {
  return { writes: 0, text: undefined };
}

/**
 * Writes a message as ProtoJSON text: camelCase names in field order, uint64 as decimal
 * strings, timestamps as RFC 3339 in UTC, and fields without presence omitted when they hold
 * defaults. A value with a text slot has its text kept from its second write on, so a pool
 * listed on page after page is written once; one written only once (a created pool) costs no
 * memory for it.
 */
export function encodeProtoJson(descriptor: MessageDescriptor, value: MessageValue): string {
  return compileProtoJsonWriter(descriptor)(value);
}

// The writer of a message type, generated on first use and kept for the descriptor's lifetime.
function compileProtoJsonWriter(descriptor: MessageDescriptor): ProtoJsonWriter {
  const known = writers.get(descriptor);
  if (known) return known;
  // A message type that contains itself calls its writer through this slot, filled below.
  let compiled: ProtoJsonWriter | undefined;
  writers.set(descriptor, (value) => (compiled as ProtoJsonWriter)(value));
  compiled = generateWriter(descriptor);
  writers.set(descriptor, compiled);
  return compiled;
}

// A loop over descriptors reads every field by a computed name, and such reads go megamorphic
// in V8 once a few message types pass through. Generated code reads each field by a fixed
// name and appends to one string, with no intermediate object for JSON.stringify to walk.
// Field names come from openapi/ and are embedded with JSON.stringify, never spliced raw.
function generateWriter(descriptor: MessageDescriptor): ProtoJsonWriter {
  const helpers: unknown[] = [TEXT_SLOT, flatten];
  const helper = (value: unknown): string => {
    helpers.push(value);
    return `h[${helpers.length - 1}]`;
  };
  const lines = [
    "const slot = v[SLOT];",
    "if (slot !== undefined && slot.text !== undefined) return slot.text;",
    'let s = "{", c = false, x;',
  ];
  for (const field of descriptor.fields) {
    // The key with its separator, both ways, so appending one field makes no string in between.
    const name = `${JSON.stringify(field.jsonName)}:`;
    const key = `(c ? ${JSON.stringify(`,${name}`)} : ${JSON.stringify(name)})`;
    lines.push(`x = v[${JSON.stringify(field.jsonName)}];`, "if (x !== undefined && x !== null) {");
    if (field.kind === "map") {
      lines.push(
        "  let first = true;",
        "  for (const k in x) {",
        "    const e = x[k];",
        "    if (e === undefined || e === null) continue;",
        `    if (first) { s += ${key}; s += "{"; first = false; } else s += ",";`,
        `    s += JSON.stringify(k) + ":" + ${valueExpression(field, "e", helper, field.mapValue)};`,
        "  }",
        '  if (!first) { s += "}"; c = true; }',
      );
    } else if (field.repeated) {
      lines.push(
        "  if (x.length > 0) {",
        `    s += ${key}; s += "[";`,
        "    for (let i = 0; i < x.length; i++) {",
        '      if (i > 0) s += ",";',
        `      s += ${valueExpression(field, "x[i]", helper)};`,
        "    }",
        '    s += "]"; c = true;',
        "  }",
      );
    } else if (hasPresence(field)) {
      // proto3 optional, oneof and message fields have presence: set means written, even when "zero".
      lines.push(`  s += ${key}; s += ${valueExpression(field, "x", helper)}; c = true;`);
    } else {
      lines.push(
        `  if (!(${defaultTest(field, helper)})) { s += ${key}; s += ${valueExpression(field, "x", helper)}; c = true; }`,
      );
    }
    lines.push("}");
  }
  lines.push('s += "}";', "if (slot !== undefined && ++slot.writes > 1) slot.text = flat(s);");
  lines.push("return s;");
  const body = `const SLOT = h[0], flat = h[1];\nreturn function write(v) {\n${lines.join("\n")}\n};`;
  return new Function("h", body)(helpers) as ProtoJsonWriter;
}

// Text built by appending is a tree of pieces that V8 walks again each time it is copied out,
// and a kept text is copied into every answer that contains it: copying one page of kept pools
// took several times as long as the same text in one piece. A round trip through UTF-8 gives
// the text as one piece; it cannot alter it, as JSON.stringify escapes lone surrogates.
// It runs once per changed pool, never per answer.
function flatten(text: string): string {
  return utf8Decoder.decode(utf8Encoder.encode(text));
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder();

function valueExpression(
  field: FieldDescriptor,
  x: string,
  helper: (value: unknown) => string,
  kind: FieldDescriptor["kind"] = field.kind,
): string {
  switch (kind) {
    case "uint64":
    case "int64":
      return `'"' + String(${x}) + '"'`;
    case "bytes":
    case "duration":
      // Base64 and Duration text (`3600s`) hold nothing JSON must escape.
      return `'"' + ${x} + '"'`;
    case "timestamp":
      // Epoch milliseconds, or RFC 3339 text already (a message typed as the wire type); RFC
      // 3339 text holds nothing JSON must escape.
      return `'"' + (typeof ${x} === "string" ? ${x} : ${helper(formatTimestamp)}(${x})) + '"'`;
    case "message":
      return field.message
        ? `${helper(compileProtoJsonWriter(field.message))}(${x})`
        : `JSON.stringify(${x})`;
    case "string":
    case "enum":
      return `${helper(quoteString)}(${x})`;
    case "int32":
    case "uint32":
      return `(typeof ${x} === "number" && Number.isFinite(${x}) ? "" + ${x} : JSON.stringify(${x}))`;
    default:
      return `JSON.stringify(${x})`;
  }
}

// What JSON.stringify might escape: quotes, backslashes, control characters, and surrogates
// (it escapes lone ones; strings with pairs go to it too rather than telling the two apart).
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

// Most strings are IDs and enum names with nothing to escape. Quoting those directly, and
// numbers likewise, saves a JSON.stringify call per field: with one call per field, writing a
// never-kept pool took longer than building an object for one JSON.stringify (see
// docs/decisions/2026-12-02-kept-pool-text.md). Anything else goes to JSON.stringify.
function quoteString(value: unknown): string {
  return typeof value === "string" && !NEEDS_ESCAPE.test(value)
    ? `"${value}"`
    : JSON.stringify(value);
}

// Whether x holds the field's default value, which proto3 leaves out of the JSON.
function defaultTest(field: FieldDescriptor, helper: (value: unknown) => string): string {
  if (field.kind === "enum") {
    const zeros = Object.entries(field.enumNumbers ?? {})
      .filter(([, number]) => number === 0)
      .map(([name]) => name);
    return `x === 0 || ${helper(new Set(zeros))}.has(x)`;
  }
  return 'x === "" || x === 0 || x === false || x === "0" || x === 0n';
}
