import { createWarmPool } from "../domain/create-warm-pool.js";
import { deleteWarmPool } from "../domain/delete-warm-pool.js";
import type { DomainContext } from "../domain/domain-context.js";
import { getEnvironmentClass } from "../domain/get-environment-class.js";
import { getPrebuild } from "../domain/get-prebuild.js";
import { getProject } from "../domain/get-project.js";
import { getRunner } from "../domain/get-runner.js";
import { getWarmPool } from "../domain/get-warm-pool.js";
import { listEnvironmentClasses } from "../domain/list-environment-classes.js";
import { listPrebuilds } from "../domain/list-prebuilds.js";
import { listProjectEnvironmentClasses } from "../domain/list-project-environment-classes.js";
import { listProjects } from "../domain/list-projects.js";
import { listRunners } from "../domain/list-runners.js";
import { listWarmPools } from "../domain/list-warm-pools.js";
import { startPrebuild } from "../domain/start-prebuild.js";
import { updateProject } from "../domain/update-project.js";
import { updateWarmPool } from "../domain/update-warm-pool.js";
import type { components, paths } from "../generated/api-types.js";
import type { MessageValue } from "../protocol/encode-proto-json.js";
import type { Principal, WarmPool } from "../store/world.js";
import {
  toEnvironmentClassMessage,
  toPrebuildMessage,
  toProjectEnvironmentClassMessage,
  toProjectMessage,
  toRunnerMessage,
} from "./to-page-messages.js";
import type { WarmPoolMessage } from "./to-warm-pool-message.js";

type NameOf<P> = P extends `/gitpod.v1.${infer N extends `${string}Service/${string}`}` ? N : never;

/**
 * Every RPC of openapi/, by its name `Service/Method` (e.g. `PrebuildService/GetWarmPool`),
 * read from the document's paths: a new one needs a handler to compile.
 */
export type RpcName = NameOf<keyof paths>;

type Operation<N extends RpcName> = paths[`/gitpod.v1.${N}`]["post"];
type JsonBody<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

/** The request of an RPC as validation leaves it: the schema openapi/ gives for it. */
export type RpcRequest<N extends RpcName> = JsonBody<NonNullable<Operation<N>["requestBody"]>>;

/**
 * Messages that handlers hand the encoder in a shape of their own instead of the wire type
 * (timestamps in epoch ms, text kept between answers), by schema name: the stored record each
 * is shaped from and the shaped message. A response field of such a schema takes the shaped
 * message; every other field takes the wire type openapi/ gives it.
 */
export interface ShapedMessages {
  WarmPool: { record: WarmPool; message: WarmPoolMessage };
}

type Schemas = components["schemas"];
// The shaped message standing for a wire type, never when it has none.
type ShapedFor<T> = {
  [S in keyof ShapedMessages]: [T] extends [Schemas[S]]
    ? [Schemas[S]] extends [T]
      ? ShapedMessages[S]["message"]
      : never
    : never;
}[keyof ShapedMessages];

/** A wire message type with each field of a shaped schema (ShapedMessages) given as shaped. */
export type ForEncoder<T> = T extends readonly (infer Item)[]
  ? ForEncoder<Item>[]
  : [ShapedFor<T>] extends [never]
    ? T extends object
      ? { [K in keyof T]: ForEncoder<T[K]> }
      : T
    : ShapedFor<T>;

/** What an RPC's handler hands the encoder: its response schema, shaped messages in place. */
export type RpcResponse<N extends RpcName> = ForEncoder<JsonBody<Operation<N>["responses"][200]>>;

/** Makes each shaped message from its record (kept between answers, or made afresh). */
export type Shapers = {
  readonly [S in keyof ShapedMessages]: (
    record: ShapedMessages[S]["record"],
  ) => ShapedMessages[S]["message"];
};

/** What fault rules decided for a call that otherwise runs as usual. */
export interface CallOutcome {
  /** The prebuild the call starts fails, with this message (a rule's `failPrebuild`). */
  readonly prebuildFailure?: string;
}

/** Runs one RPC's domain operation on a validated request and shapes its response message. */
export type RpcHandler<N extends RpcName> = (
  ctx: DomainContext,
  principal: Principal,
  request: RpcRequest<N>,
  shape: Shapers,
  outcome: CallOutcome,
) => RpcResponse<N> & MessageValue;

/** One handler per RPC, each typed by its own request and response. */
export type RpcHandlers = { readonly [N in RpcName]: RpcHandler<N> };

/** Every RPC's handler, by name. */
export const RPC_HANDLERS: RpcHandlers = {
  "PrebuildService/CreateWarmPool": (ctx, principal, request, shape) => ({
    warmPool: shape.WarmPool(createWarmPool(ctx, principal, request)),
  }),
  "PrebuildService/GetWarmPool": (ctx, principal, request, shape) => ({
    warmPool: shape.WarmPool(getWarmPool(ctx, principal, request)),
  }),
  "PrebuildService/ListWarmPools": (ctx, principal, request, shape) => {
    const { warmPools, nextToken } = listWarmPools(ctx, principal, request);
    return { pagination: { nextToken }, warmPools: warmPools.map(shape.WarmPool) };
  },
  "PrebuildService/UpdateWarmPool": (ctx, principal, request, shape) => ({
    warmPool: shape.WarmPool(updateWarmPool(ctx, principal, request)),
  }),
  "PrebuildService/DeleteWarmPool": (ctx, principal, request) => {
    deleteWarmPool(ctx, principal, request);
    return {};
  },
  "PrebuildService/CreatePrebuild": (ctx, principal, request, _shape, outcome) => ({
    prebuild: toPrebuildMessage(
      ctx.store,
      startPrebuild(ctx, principal, request, { failWith: outcome.prebuildFailure }),
    ),
  }),
  "PrebuildService/GetPrebuild": (ctx, principal, request) => ({
    prebuild: toPrebuildMessage(ctx.store, getPrebuild(ctx, principal, request)),
  }),
  "PrebuildService/ListPrebuilds": (ctx, principal, request) => {
    const { items, nextToken } = listPrebuilds(ctx, principal, request);
    return {
      pagination: { nextToken },
      prebuilds: items.map((p) => toPrebuildMessage(ctx.store, p)),
    };
  },
  "ProjectService/GetProject": (ctx, principal, request) => ({
    project: toProjectMessage(getProject(ctx, principal, request)),
  }),
  "ProjectService/UpdateProject": (ctx, principal, request) => ({
    project: toProjectMessage(updateProject(ctx, principal, request)),
  }),
  "ProjectService/ListProjects": (ctx, principal, request) => {
    const { items, nextToken, count } = listProjects(ctx, principal, request);
    return {
      pagination: { nextToken },
      projects: items.map(toProjectMessage),
      count:
        count === undefined ? undefined : { value: count, relation: "COUNT_RESPONSE_RELATION_EQ" },
    };
  },
  "ProjectService/ListProjectEnvironmentClasses": (ctx, principal, request) => {
    const { items, nextToken } = listProjectEnvironmentClasses(ctx, principal, request);
    return {
      pagination: { nextToken },
      projectEnvironmentClasses: items.map(toProjectEnvironmentClassMessage),
    };
  },
  "EnvironmentService/ListEnvironmentClasses": (ctx, principal, request) => {
    const { items, nextToken } = listEnvironmentClasses(ctx, principal, request);
    return { pagination: { nextToken }, environmentClasses: items.map(toEnvironmentClassMessage) };
  },
  "RunnerConfigurationService/GetEnvironmentClass": (ctx, principal, request) => ({
    environmentClass: toEnvironmentClassMessage(getEnvironmentClass(ctx, principal, request)),
  }),
  "RunnerService/GetRunner": (ctx, principal, request) => ({
    runner: toRunnerMessage(getRunner(ctx, principal, request)),
  }),
  "RunnerService/ListRunners": (ctx, principal, request) => {
    const { items, nextToken } = listRunners(ctx, principal, request);
    return { pagination: { nextToken }, runners: items.map(toRunnerMessage) };
  },
};

/** Tells whether an RPC name of a contract is one this server has a handler for. */
export function isRpcName(name: string): name is RpcName {
  return Object.hasOwn(RPC_HANDLERS, name);
}
