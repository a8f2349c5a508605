import type { JsonValue } from "@bufbuild/protobuf";
import type { MessageDescriptor } from "../contract/message-descriptor.js";
import type { Codec } from "./connect-content-type.js";
import { encodeProtoJson, type MessageValue } from "./encode-proto-json.js";

/**
 * Encodes a response message in the request's codec. Binary goes through ProtoJSON text first,
 * so both codecs share one writer and cannot disagree about a field. JSON encodes at once; binary
 * returns a promise, as the protobuf runtime is imported on the first binary response (it
 * costs ~90 ms of start-up).
 */
export function encodeMessage(
  codec: Codec,
  descriptor: MessageDescriptor,
  value: MessageValue,
  encodeText: (text: string) => Uint8Array,
): Uint8Array | Promise<Uint8Array> {
  const json = encodeProtoJson(descriptor, value);
  if (codec === "json") return encodeText(json);
  return Promise.all([import("@bufbuild/protobuf"), import("./proto-registry.js")]).then(
    ([{ fromJson, toBinary }, { getProtoSchema }]) => {
      const schema = getProtoSchema(descriptor.typeName);
      return toBinary(schema, fromJson(schema, JSON.parse(json) as JsonValue));
    },
  );
}
