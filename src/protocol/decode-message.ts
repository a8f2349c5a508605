import type { QueryField } from "../contract/load-contract.js";
import type { MessageDescriptor } from "../contract/message-descriptor.js";
import type { Codec } from "./connect-content-type.js";
import { decodeJsonBody } from "./decode-json-body.js";
import { type CanonicalMessage, isPlainObject, parseProtoJson } from "./parse-proto-json.js";

/**
 * Decodes a request message in either codec into the canonical shape validation reads, then
 * merges request fields carried in the URL of a POST (`queryFields`). JSON decodes at once;
 * binary returns a promise, as the protobuf runtime is imported on the first binary request
 * (it costs ~90 ms of start-up).
 */
export function decodeMessage(
  codec: Codec,
  bytes: Uint8Array,
  descriptor: MessageDescriptor,
  query?: { url: string; fields: readonly QueryField[] },
): CanonicalMessage | Promise<CanonicalMessage> {
  if (codec !== "proto")
    return mergeQueryFields(decodeJsonBody(bytes, descriptor), descriptor, query);
  return import("./decode-proto-body.js").then(({ decodeProtoBody }) =>
    mergeQueryFields(decodeProtoBody(bytes, descriptor), descriptor, query),
  );
}

// Stainless SDKs send some request fields (the page token and size) in the URL; they win over the body.
function mergeQueryFields(
  message: CanonicalMessage,
  descriptor: MessageDescriptor,
  query: { url: string; fields: readonly QueryField[] } | undefined,
): CanonicalMessage {
  if (!query || query.fields.length === 0 || !query.url.includes("?")) return message;
  const params = new URL(query.url, "http://mock").searchParams;
  const raw: Record<string, unknown> = {};
  for (const field of query.fields) {
    const value = params.get(field.name);
    if (value === null) continue;
    let node = raw;
    for (const key of field.path.slice(0, -1)) {
      node[key] ??= {};
      node = node[key] as Record<string, unknown>;
    }
    node[field.path.at(-1) as string] = value;
  }
  deepMerge(message, parseProtoJson(descriptor, raw));
  return message;
}

function deepMerge(target: CanonicalMessage, source: CanonicalMessage): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    // Canonical values that are plain objects are always messages.
    if (isPlainObject(existing) && isPlainObject(value)) {
      deepMerge(existing as CanonicalMessage, value as CanonicalMessage);
    } else target[key] = value;
  }
}
