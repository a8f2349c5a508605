import type { CaseContext } from "../case-context.js";
import type { ContractCase } from "../contract-case.js";
import { type Exchange, SERVICE_PATH } from "../http/api-client.js";
import type { ListWarmPoolsResponse, WarmPoolResponse } from "../wire-types.js";
import { expectSamePool, unknownId } from "./pool-checks.js";

type Encoding = "urlencoded" | "base64";
const ENCODINGS: readonly Encoding[] = ["urlencoded", "base64"];

/** Calls an RPC with Connect GET, the message in the query as URL-encoded JSON or base64url. */
function connectGet(
  ctx: CaseContext,
  rpc: string,
  message: unknown,
  encoding: Encoding,
): Promise<Exchange> {
  const json = JSON.stringify(message);
  const query =
    encoding === "base64"
      ? `connect=v1&encoding=json&base64=1&message=${Buffer.from(json).toString("base64url")}`
      : `connect=v1&encoding=json&message=${encodeURIComponent(json)}`;
  return ctx.client.send(
    { method: "GET", path: `${SERVICE_PATH}${rpc}?${query}` },
    ctx.options.credential,
  );
}

/** Connect GET: the side-effect-free RPCs answer it like POST; the others refuse it. */
export const CONNECT_GET_CASES: readonly ContractCase[] = [
  {
    name: "protocol.connect-get-read",
    rule: "GetWarmPool and ListWarmPools (no side effects) also take Connect GET, ?connect=v1&encoding=json&message= (URL-encoded JSON, or base64url with base64=1), and answer as POST does",
    async run(ctx) {
      const pool = await ctx.sharedPool();
      const filter = {
        projectIds: [ctx.pair.projectId],
        environmentClassIds: [ctx.pair.environmentClassId],
      };
      const listed = ctx.expectOk<ListWarmPoolsResponse>(
        await ctx.call("ListWarmPools", { filter }),
        "ListWarmPools by POST succeeds",
      );
      const postIds = (listed.warmPools ?? []).map((p) => p.id);
      for (const encoding of ENCODINGS) {
        // Status first, then the schema: a bare error status reads better than "not Connect JSON".
        const get = await connectGet(ctx, "GetWarmPool", { warmPoolId: pool.id }, encoding);
        const got = ctx.expectOk<WarmPoolResponse>(
          get,
          `GetWarmPool by Connect GET (${encoding} message) succeeds`,
        ).warmPool;
        ctx.checkConformance(get);
        expectSamePool(ctx, got, pool, `GetWarmPool by GET (${encoding}) returns the pool`, get);

        const missing = await connectGet(ctx, "GetWarmPool", { warmPoolId: unknownId() }, encoding);
        ctx.expectError(
          missing,
          "not_found",
          `GetWarmPool by GET (${encoding}) of an unknown pool is not_found, as by POST`,
        );
        ctx.checkConformance(missing);

        const list = await connectGet(ctx, "ListWarmPools", { filter }, encoding);
        const ids = (
          ctx.expectOk<ListWarmPoolsResponse>(
            list,
            `ListWarmPools by Connect GET (${encoding} message) succeeds`,
          ).warmPools ?? []
        ).map((p) => p.id);
        ctx.checkConformance(list);
        ctx.assert(
          JSON.stringify(ids) === JSON.stringify(postIds),
          `ListWarmPools by GET (${encoding}) reads the filter and lists what POST lists`,
          JSON.stringify(postIds),
          ids,
          list,
        );
      }
    },
  },
  {
    name: "protocol.connect-get-side-effects-refused",
    rule: "Connect GET of an RPC with side effects (Create, Update, Delete) is a bare 405 whose Allow names POST; nothing is created",
    async run(ctx) {
      const attempts: [string, unknown][] = [
        ["CreateWarmPool", { ...ctx.pair, minSize: 1, maxSize: 2 }],
        ["UpdateWarmPool", { warmPoolId: unknownId(), maxSize: 2 }],
        ["DeleteWarmPool", { warmPoolId: unknownId() }],
      ];
      for (const [rpc, message] of attempts) {
        // A target that serves it answers 200 to the create, and the tracker removes the pool.
        const exchange = await connectGet(ctx, rpc, message, "urlencoded");
        const allow = exchange.headers.get("allow") ?? "";
        ctx.assert(
          exchange.status === 405 && exchange.text === "",
          `a Connect GET of ${rpc} is a bare 405 Method Not Allowed`,
          "HTTP 405 with an empty body",
          `HTTP ${exchange.status} ${exchange.text.slice(0, 200)}`,
          exchange,
        );
        ctx.assert(
          /\bPOST\b/.test(allow),
          `the 405 for a Connect GET of ${rpc} says POST is allowed`,
          "an Allow header with POST",
          allow || undefined,
          exchange,
        );
      }
    },
  },
];
