import { createWarmPool } from "../domain/create-warm-pool.js";
import { deleteWarmPool } from "../domain/delete-warm-pool.js";
import type { DomainContext } from "../domain/domain-context.js";
import { getPrebuild } from "../domain/get-prebuild.js";
import { getWarmPool } from "../domain/get-warm-pool.js";
import { listPrebuilds } from "../domain/list-prebuilds.js";
import { listWarmPools } from "../domain/list-warm-pools.js";
import { startPrebuild } from "../domain/start-prebuild.js";
import { updateWarmPool } from "../domain/update-warm-pool.js";
import type { components, paths } from "../generated/api-types.js";
import type { MessageValue } from "../protocol/encode-proto-json.js";
import type { Principal, WarmPool } from "../store/world.js";
import { toPrebuildMessage } from "./to-page-messages.js";
import type { WarmPoolMessage } from "./to-warm-pool-message.js";

/** Every RPC of openapi/warm-pools.yaml, read from its paths: a new one needs a handler to compile. */
export type RpcMethod = keyof paths extends infer P
  ? P extends `/gitpod.v1.PrebuildService/${infer M}`
    ? M
    : never
  : never;

/** The request of an RPC as validation leaves it: the schema openapi/ gives for it. */
export type RpcRequest<M extends RpcMethod> = components["schemas"][`${M}Request`];

type WarmPoolResponse = { warmPool: MessageValue };

/** What each handler hands the encoder: the response message, with pools shaped for encoding. */
export interface RpcResponses {
  CreateWarmPool: WarmPoolResponse;
  GetWarmPool: WarmPoolResponse;
  ListWarmPools: { pagination: { nextToken?: string }; warmPools: MessageValue[] };
  UpdateWarmPool: WarmPoolResponse;
  DeleteWarmPool: Record<string, never>;
  CreatePrebuild: { prebuild: MessageValue };
  GetPrebuild: { prebuild: MessageValue };
  ListPrebuilds: { pagination: { nextToken?: string }; prebuilds: MessageValue[] };
}

/** Shapes a stored pool as its response message (kept between answers, or made afresh). */
export type ShapePool = (pool: WarmPool) => WarmPoolMessage;

/** Runs one RPC's domain operation on a validated request and shapes its response message. */
export type RpcHandler<M extends RpcMethod> = (
  ctx: DomainContext,
  principal: Principal,
  request: RpcRequest<M>,
  shapePool: ShapePool,
) => RpcResponses[M] & MessageValue;

/** One handler per RPC, each typed by its own request and response. */
export type RpcHandlers = { readonly [M in RpcMethod]: RpcHandler<M> };

/** The RPCs of gitpod.v1.PrebuildService, by method name. */
export const RPC_HANDLERS: RpcHandlers = {
  CreateWarmPool: (ctx, principal, request, shapePool) => ({
    warmPool: shapePool(createWarmPool(ctx, principal, request)),
  }),
  GetWarmPool: (ctx, principal, request, shapePool) => ({
    warmPool: shapePool(getWarmPool(ctx, principal, request)),
  }),
  ListWarmPools: (ctx, principal, request, shapePool) => {
    const { warmPools, nextToken } = listWarmPools(ctx, principal, request);
    return { pagination: { nextToken }, warmPools: warmPools.map(shapePool) };
  },
  UpdateWarmPool: (ctx, principal, request, shapePool) => ({
    warmPool: shapePool(updateWarmPool(ctx, principal, request)),
  }),
  DeleteWarmPool: (ctx, principal, request) => {
    deleteWarmPool(ctx, principal, request);
    return {};
  },
  CreatePrebuild: (ctx, principal, request) => ({
    prebuild: toPrebuildMessage(ctx.store, startPrebuild(ctx, principal, request)),
  }),
  GetPrebuild: (ctx, principal, request) => ({
    prebuild: toPrebuildMessage(ctx.store, getPrebuild(ctx, principal, request)),
  }),
  ListPrebuilds: (ctx, principal, request) => {
    const { items, nextToken } = listPrebuilds(ctx, principal, request);
    return {
      pagination: { nextToken },
      prebuilds: items.map((p) => toPrebuildMessage(ctx.store, p)),
    };
  },
};

/** Tells whether a contract RPC name is one this server has a handler for. */
export function isRpcMethod(method: string): method is RpcMethod {
  return Object.hasOwn(RPC_HANDLERS, method);
}
