import { createRegistry, type DescMessage } from "@bufbuild/protobuf";
import { file_buf_validate_validate } from "../gen/buf/validate/validate_pb.js";
import { file_gitpod_v1_count } from "../gen/gitpod/v1/count_pb.js";
import { file_gitpod_v1_environment } from "../gen/gitpod/v1/environment_pb.js";
import { file_gitpod_v1_gateway } from "../gen/gitpod/v1/gateway_pb.js";
import { file_gitpod_v1_identity } from "../gen/gitpod/v1/identity_pb.js";
import { file_gitpod_v1_pagination } from "../gen/gitpod/v1/pagination_pb.js";
import { file_gitpod_v1_prebuild } from "../gen/gitpod/v1/prebuild_pb.js";
import { file_gitpod_v1_project } from "../gen/gitpod/v1/project_pb.js";
import { file_gitpod_v1_runner_configuration } from "../gen/gitpod/v1/runner_configuration_pb.js";
import { file_gitpod_v1_runner } from "../gen/gitpod/v1/runner_pb.js";

/** Every message type compiled from proto/, for binary transcoding by full name. */
export const PROTO_REGISTRY = createRegistry(
  file_gitpod_v1_prebuild,
  file_gitpod_v1_project,
  file_gitpod_v1_environment,
  file_gitpod_v1_runner_configuration,
  file_gitpod_v1_runner,
  file_gitpod_v1_identity,
  file_gitpod_v1_pagination,
  file_gitpod_v1_count,
  file_gitpod_v1_gateway,
  file_buf_validate_validate,
);

/** The compiled proto/ message behind an openapi/ message name; a missing one is a build error. */
export function getProtoSchema(typeName: string): DescMessage {
  const schema = PROTO_REGISTRY.getMessage(typeName);
  if (!schema) throw new Error(`proto/ does not define ${typeName}: regenerate src/gen`);
  return schema;
}
