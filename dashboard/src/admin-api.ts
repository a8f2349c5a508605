// Every call the dashboard makes to the mock that served it: the admin API (typed by the
// types generated from openapi/admin.yaml) and the public RPCs, as a chosen principal.
import {
  ADMIN_ENDPOINTS,
  type AdminError,
  type AdminOperationId,
  type AdminPathParams,
  type AdminRequestBody,
  type AdminResponseBody,
} from "../../src/generated/admin-types.js";
import type {
  CreateWarmPoolRequest,
  CreateWarmPoolResponse,
  DeleteWarmPoolRequest,
  DeleteWarmPoolResponse,
  ConnectError as RpcError,
  UpdateWarmPoolRequest,
  UpdateWarmPoolResponse,
} from "../../src/generated/api-types.js";

const TOKEN_KEY = "warm-pool-mock.adminToken";

/** The admin token kept for this tab only (sessionStorage), asked for once. */
export const adminToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/** The mock answered with an error: its Connect code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The mock could not be reached at all. */
export class UnreachableError extends Error {}

function authHeaders(): Record<string, string> {
  const token = adminToken.get();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, init);
  } catch (error) {
    throw new UnreachableError(`cannot reach the mock: ${(error as Error).message}`);
  }
}

async function readError(res: Response): Promise<ApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as AdminError | RpcError;
    return new ApiError(res.status, body.code ?? "unknown", body.message ?? text);
  } catch {
    return new ApiError(res.status, "unknown", text || res.statusText);
  }
}

/** What one admin call sends: path parameters, a JSON body and query parameters. */
export interface AdminCall<K extends AdminOperationId> {
  params?: AdminPathParams<K>;
  body?: AdminRequestBody<K>;
  query?: Record<string, string>;
}

/** Calls one admin operation; its method and path come from openapi/admin.yaml (ADMIN_ENDPOINTS). */
export async function callAdmin<K extends AdminOperationId>(
  operation: K,
  { params, body, query }: AdminCall<K> = {},
): Promise<AdminResponseBody<K>> {
  const { method, path } = ADMIN_ENDPOINTS[operation];
  const values = (params ?? {}) as Record<string, string>;
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(values[name] ?? ""),
  );
  const search = query ? `?${new URLSearchParams(query)}` : "";
  const headers: Record<string, string> = authHeaders();
  // /_admin takes JSON on every state-changing call; an action without a body sends none.
  if (method !== "GET") headers["Content-Type"] = "application/json";
  const res = await send(`${filled}${search}`, {
    method,
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw await readError(res);
  if (res.status === 204) return undefined as AdminResponseBody<K>;
  return (await res.json()) as AdminResponseBody<K>;
}

const SERVICE = "/gitpod.v1.PrebuildService";

async function callRpc<Req, Res>(method: string, token: string, request: Req): Promise<Res> {
  const res = await send(`${SERVICE}/${method}`, {
    method: "POST",
    headers: {
      "Content-Type": "application/json",
      "Connect-Protocol-Version": "1",
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(request),
  });
  if (!res.ok) throw await readError(res);
  return (await res.json()) as Res;
}

/** The public warm-pool RPCs, in Connect JSON, as the principal whose token is given. */
export const rpc = {
  createWarmPool: (token: string, request: CreateWarmPoolRequest) =>
    callRpc<CreateWarmPoolRequest, CreateWarmPoolResponse>("CreateWarmPool", token, request),
  updateWarmPool: (token: string, request: UpdateWarmPoolRequest) =>
    callRpc<UpdateWarmPoolRequest, UpdateWarmPoolResponse>("UpdateWarmPool", token, request),
  deleteWarmPool: (token: string, request: DeleteWarmPoolRequest) =>
    callRpc<DeleteWarmPoolRequest, DeleteWarmPoolResponse>("DeleteWarmPool", token, request),
};
