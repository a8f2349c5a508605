import type { FieldDescriptor, MessageDescriptor } from "../contract/message-descriptor.js";
import { formatTimestamp } from "./format-timestamp.js";

/** A message as the domain hands it out: JSON names, plain JS values, timestamps as epoch ms. */
export type MessageValue = { [jsonName: string]: unknown };

/** Turns one message value into its ProtoJSON object. */
type ProtoJsonWriter = (value: MessageValue) => MessageValue;

const writers = new WeakMap<MessageDescriptor, ProtoJsonWriter>();

/**
 * Writes a message as ProtoJSON: camelCase names in field order, uint64 as decimal strings,
 * timestamps as RFC 3339 in UTC, and fields without presence omitted when they hold defaults.
 */
export function encodeProtoJson(descriptor: MessageDescriptor, value: MessageValue): MessageValue {
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
// in V8 once a few message types pass through: on ListWarmPools pages the generic writer took
// about half of the mock's own time. Generated code reads each field by a fixed name instead.
// Field names come from openapi/ and are embedded with JSON.stringify, never spliced raw.
function generateWriter(descriptor: MessageDescriptor): ProtoJsonWriter {
  const helpers: unknown[] = [];
  const helper = (value: unknown): string => {
    helpers.push(value);
    return `h[${helpers.length - 1}]`;
  };
  const lines = ["const o = {};", "let x;"];
  for (const field of descriptor.fields) {
    const key = JSON.stringify(field.jsonName);
    const write = valueExpression(field, "x", helper);
    lines.push(`x = v[${key}];`, "if (x !== undefined && x !== null) {");
    if (field.repeated) {
      const item = valueExpression(field, "x[i]", helper);
      lines.push(
        "  if (x.length > 0) {",
        "    const a = new Array(x.length);",
        `    for (let i = 0; i < x.length; i++) a[i] = ${item};`,
        `    o[${key}] = a;`,
        "  }",
      );
    } else if (field.optional || field.kind === "message" || field.kind === "timestamp") {
      // proto3 optional and message fields have presence: set means written, even when "zero".
      lines.push(`  o[${key}] = ${write};`);
    } else {
      lines.push(`  if (!(${defaultTest(field, helper)})) o[${key}] = ${write};`);
    }
    lines.push("}");
  }
  lines.push("return o;");
  const body = `return function write(v) {\n${lines.join("\n")}\n};`;
  return new Function("h", body)(helpers) as ProtoJsonWriter;
}

function valueExpression(
  field: FieldDescriptor,
  x: string,
  helper: (value: unknown) => string,
): string {
  switch (field.kind) {
    case "uint64":
      return `String(${x})`;
    case "timestamp":
      return `${helper(formatTimestamp)}(${x})`;
    case "message":
      return field.message ? `${helper(compileProtoJsonWriter(field.message))}(${x})` : x;
    default:
      return x;
  }
}

// Whether x holds the field's default value, which proto3 leaves out of the JSON.
function defaultTest(field: FieldDescriptor, helper: (value: unknown) => string): string {
  if (field.kind === "enum") {
    const zeros = Object.entries(field.enumNumbers ?? {})
      .filter(([, number]) => number === 0)
      .map(([name]) => name);
    return `${helper(new Set(zeros))}.has(x)`;
  }
  return 'x === "" || x === 0 || x === false || x === "0" || x === 0n';
}
