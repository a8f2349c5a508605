import type { MessageDescriptor } from "../contract/message-descriptor.js";
import type { Codec } from "./connect-content-type.js";
import { decodeJsonBody } from "./decode-json-body.js";
import type { CanonicalMessage } from "./parse-proto-json.js";

/**
 * Decodes a request message in either codec into the canonical shape validation reads. The
 * protobuf runtime is imported on the first binary request: it costs ~90 ms of start-up.
 */
export async function decodeMessage(
  codec: Codec,
  bytes: Uint8Array,
  descriptor: MessageDescriptor,
): Promise<CanonicalMessage> {
  if (codec !== "proto") return decodeJsonBody(bytes, descriptor);
  const { decodeProtoBody } = await import("./decode-proto-body.js");
  return decodeProtoBody(bytes, descriptor);
}
