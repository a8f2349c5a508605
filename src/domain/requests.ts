/**
 * The warm-pool requests' canonical shapes, as they leave validation (ProtoJSON decoded,
 * schema-checked), stricter than the generated types. Other RPCs' domain functions take the
 * generated request types (src/generated/api-types.ts) as they are.
 */

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
