import type { FieldDescriptor, MessageDescriptor } from "../validation/message-descriptor.js";

/** A message as the domain hands it out: JSON names, plain JS values, timestamps as epoch ms. */
export type MessageValue = { [jsonName: string]: unknown };

/**
 * Writes a message as ProtoJSON: camelCase names in field order, uint64 as decimal strings,
 * timestamps as RFC 3339 in UTC, and fields without presence omitted when they hold defaults.
 */
export function encodeProtoJson(descriptor: MessageDescriptor, value: MessageValue): MessageValue {
  const out: MessageValue = {};
  for (const field of descriptor.fields) {
    const raw = value[field.jsonName];
    if (raw === undefined || raw === null) continue;
    if (field.repeated) {
      const items = (raw as unknown[]).map((item) => encodeValue(field, item));
      if (items.length > 0) out[field.jsonName] = items;
      continue;
    }
    if (!field.optional && !hasPresence(field) && isDefault(field, raw)) continue;
    out[field.jsonName] = encodeValue(field, raw);
  }
  return out;
}

function encodeValue(field: FieldDescriptor, raw: unknown): unknown {
  switch (field.kind) {
    case "uint64":
      return String(raw);
    case "timestamp":
      return new Date(raw as number | string).toISOString();
    case "message":
      return field.message ? encodeProtoJson(field.message, raw as MessageValue) : raw;
    default:
      return raw;
  }
}

function isDefault(field: FieldDescriptor, raw: unknown): boolean {
  if (field.kind === "enum") return field.enumNumbers?.[raw as string] === 0;
  return raw === "" || raw === 0 || raw === false || raw === "0" || raw === 0n;
}

// Message fields (timestamps included) have presence: set means written, even when "zero".
function hasPresence(field: FieldDescriptor): boolean {
  return field.kind === "message" || field.kind === "timestamp";
}
