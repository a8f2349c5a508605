import { createRegistry, type DescMessage } from "@bufbuild/protobuf";
import { PROTO_FILES } from "../gen/proto-files.js";

/** Every message type compiled from proto/, for binary transcoding by full name. */
export const PROTO_REGISTRY = createRegistry(...PROTO_FILES);

/** The compiled proto/ message behind an openapi/ message name; a missing one is a build error. */
export function getProtoSchema(typeName: string): DescMessage {
  const schema = PROTO_REGISTRY.getMessage(typeName);
  if (!schema) throw new Error(`proto/ does not define ${typeName}: regenerate src/gen`);
  return schema;
}
