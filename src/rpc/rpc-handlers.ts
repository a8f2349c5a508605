import { createWarmPool } from "../domain/create-warm-pool.js";
import { deleteWarmPool } from "../domain/delete-warm-pool.js";
import type { DomainContext } from "../domain/domain-context.js";
import { getWarmPool } from "../domain/get-warm-pool.js";
import { listWarmPools } from "../domain/list-warm-pools.js";
import type {
  CreateWarmPoolRequest,
  ListWarmPoolsRequest,
  UpdateWarmPoolRequest,
  WarmPoolIdRequest,
} from "../domain/requests.js";
import { updateWarmPool } from "../domain/update-warm-pool.js";
import type { MessageValue } from "../protocol/encode-proto-json.js";
import type { Principal } from "../store/world.js";
import { toWarmPoolMessage } from "./to-warm-pool-message.js";

/** Runs one RPC's domain operation on a validated request and shapes its response message. */
export type RpcHandler = (
  ctx: DomainContext,
  principal: Principal,
  request: unknown,
) => MessageValue;

/** The five warm-pool RPCs, by method name. */
export const RPC_HANDLERS: Readonly<Record<string, RpcHandler>> = {
  CreateWarmPool: (ctx, principal, request) => ({
    warmPool: toWarmPoolMessage(createWarmPool(ctx, principal, request as CreateWarmPoolRequest)),
  }),
  GetWarmPool: (ctx, principal, request) => ({
    warmPool: toWarmPoolMessage(getWarmPool(ctx, principal, request as WarmPoolIdRequest)),
  }),
  ListWarmPools: (ctx, principal, request) => {
    const { warmPools, nextToken } = listWarmPools(ctx, principal, request as ListWarmPoolsRequest);
    return { pagination: { nextToken }, warmPools: warmPools.map(toWarmPoolMessage) };
  },
  UpdateWarmPool: (ctx, principal, request) => ({
    warmPool: toWarmPoolMessage(updateWarmPool(ctx, principal, request as UpdateWarmPoolRequest)),
  }),
  DeleteWarmPool: (ctx, principal, request) => {
    deleteWarmPool(ctx, principal, request as WarmPoolIdRequest);
    return {};
  },
};
