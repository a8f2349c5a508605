import type { components } from "../generated/api-types.js";

/** Canonical request shapes, as they leave validation (ProtoJSON decoded, schema-checked). */

export interface CreateWarmPoolRequest {
  projectId: string;
  environmentClassId: string;
  desiredSize?: number;
  minSize?: number;
  maxSize?: number;
}

export interface WarmPoolIdRequest {
  warmPoolId: string;
}

export interface UpdateWarmPoolRequest {
  warmPoolId: string;
  desiredSize?: number;
  minSize?: number;
  maxSize?: number;
}

export interface ListWarmPoolsRequest {
  pagination?: { pageSize?: number; token?: string };
  filter?: { projectIds?: string[]; environmentClassIds?: string[] };
}

type Schemas = components["schemas"];

// The page's RPCs take their requests as the contract types them (validated before they arrive).
export type GetProjectRequest = Schemas["GetProjectRequest"];
export type UpdateProjectRequest = Schemas["UpdateProjectRequest"];
export type ListProjectsRequest = Schemas["ListProjectsRequest"];
export type ListProjectEnvironmentClassesRequest = Schemas["ListProjectEnvironmentClassesRequest"];
export type ListEnvironmentClassesRequest = Schemas["ListEnvironmentClassesRequest"];
export type GetEnvironmentClassRequest = Schemas["GetEnvironmentClassRequest"];
export type GetRunnerRequest = Schemas["GetRunnerRequest"];
export type ListRunnersRequest = Schemas["ListRunnersRequest"];
export type GetPrebuildRequest = Schemas["GetPrebuildRequest"];
export type ListPrebuildsRequest = Schemas["ListPrebuildsRequest"];
export type CreatePrebuildRequest = Schemas["CreatePrebuildRequest"];
