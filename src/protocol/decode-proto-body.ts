import { fromBinary, toJson } from "@bufbuild/protobuf";
import type { MessageDescriptor } from "../contract/message-descriptor.js";
import { ConnectError } from "../errors/connect-error.js";
import { type CanonicalMessage, parseProtoJson } from "./parse-proto-json.js";
import { getProtoSchema } from "./proto-registry.js";

/**
 * Decodes a binary protobuf body and hands it to the ProtoJSON reader, so binary and JSON
 * requests reach validation in one shape. Zero bytes is the all-default message.
 */
export function decodeProtoBody(body: Uint8Array, descriptor: MessageDescriptor): CanonicalMessage {
  const schema = getProtoSchema(descriptor.typeName);
  let json: unknown;
  try {
    json = toJson(schema, fromBinary(schema, body));
  } catch (error) {
    throw new ConnectError(
      "invalid_argument",
      `unmarshal into ${descriptor.typeName}: ${(error as Error).message}`,
    );
  }
  return parseProtoJson(descriptor, json);
}
