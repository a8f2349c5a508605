import type { MessageDescriptor } from "../contract/message-descriptor.js";
import { ConnectError } from "../errors/connect-error.js";
import { MAX_JSON_NESTING, nestsDeeperThan } from "./json-nesting.js";
import { type CanonicalMessage, parseProtoJson } from "./parse-proto-json.js";

// ignoreBOM keeps a byte order mark in the text, so JSON.parse rejects it as connect-go does.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Decodes a unary request's JSON body into a canonical message, as connect-go's JSON codec would. */
export function decodeJsonBody(body: Uint8Array, descriptor: MessageDescriptor): CanonicalMessage {
  if (body.length === 0) {
    throw new ConnectError(
      "invalid_argument",
      `unmarshal into ${descriptor.typeName}: zero-length payload is not a valid JSON object`,
    );
  }
  let text: string;
  try {
    text = utf8.decode(body);
  } catch {
    throw new ConnectError(
      "invalid_argument",
      `unmarshal into ${descriptor.typeName}: invalid UTF-8`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ConnectError(
      "invalid_argument",
      `unmarshal into ${descriptor.typeName}: invalid JSON: ${(error as Error).message}`,
    );
  }
  const message = parseProtoJson(descriptor, value);
  // JSON.parse copes with any depth, but what reads the value later (the journal, any
  // JSON.stringify) recurses. protojson refuses nesting past its limit as it meets it; a
  // known field of the wrong type, met on the way down, is reported first, so here too.
  if (nestsDeeperThan(text, MAX_JSON_NESTING)) {
    throw new ConnectError(
      "invalid_argument",
      `unmarshal into ${descriptor.typeName}: exceeded max recursion depth: JSON nests deeper than ${MAX_JSON_NESTING} levels`,
    );
  }
  return message;
}
