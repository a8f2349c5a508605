import { fromJson, type JsonValue, toBinary } from "@bufbuild/protobuf";
import type { MessageDescriptor } from "../validation/message-descriptor.js";
import type { Codec } from "./connect-content-type.js";
import { encodeProtoJson, type MessageValue } from "./encode-proto-json.js";
import { getProtoSchema } from "./proto-registry.js";

/**
 * Encodes a response message in the request's codec. Binary goes through ProtoJSON first, so
 * both codecs share one writer and cannot disagree about a field.
 */
export function encodeMessage(
  codec: Codec,
  descriptor: MessageDescriptor,
  value: MessageValue,
): Uint8Array {
  const json = encodeProtoJson(descriptor, value);
  if (codec === "json") return Buffer.from(JSON.stringify(json));
  const schema = getProtoSchema(descriptor.typeName);
  return toBinary(schema, fromJson(schema, json as JsonValue));
}
