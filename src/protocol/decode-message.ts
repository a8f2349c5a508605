import type { MessageDescriptor } from "../validation/message-descriptor.js";
import type { Codec } from "./connect-content-type.js";
import { decodeJsonBody } from "./decode-json-body.js";
import { decodeProtoBody } from "./decode-proto-body.js";
import type { CanonicalMessage } from "./parse-proto-json.js";

/** Decodes a request message in either codec into the canonical shape validation reads. */
export function decodeMessage(
  codec: Codec,
  bytes: Uint8Array,
  descriptor: MessageDescriptor,
): CanonicalMessage {
  return codec === "proto" ? decodeProtoBody(bytes, descriptor) : decodeJsonBody(bytes, descriptor);
}
