import { CaseFailure } from "../case-failure.js";
import { ERROR_BODY_CHECK, STATUS_TABLE_CHECK } from "../check-conformance.js";
import { statusForCode } from "../contract/connect-codes.js";
import type { ContractCase } from "../contract-case.js";
import type { Exchange } from "../http/api-client.js";
import { expectSpecUnchanged, unknownId } from "./pool-checks.js";

/** Errors in general, authentication, and the wall between organizations. */
export const ERROR_CASES: readonly ContractCase[] = [
  {
    name: "errors.http-status-matches-code",
    rule: "each Connect error travels with the HTTP status of the code table (invalid_argument 400, unauthenticated 401, not_found 404, already_exists 409)",
    async run(ctx) {
      const pool = await ctx.sharedPool();
      const provoked: [string, Exchange][] = [
        ["invalid_argument", await ctx.client.rpc("GetWarmPool", { warmPoolId: "not-a-uuid" })],
        [
          "unauthenticated",
          await ctx.client.rpc("GetWarmPool", { warmPoolId: pool.id }, { as: null }),
        ],
        ["not_found", await ctx.client.rpc("GetWarmPool", { warmPoolId: unknownId() })],
        ["already_exists", await ctx.client.rpc("CreateWarmPool", { ...ctx.pair })],
      ];
      for (const [code, exchange] of provoked) {
        const status = statusForCode(code);
        if (exchange.status !== status) {
          throw new CaseFailure(
            STATUS_TABLE_CHECK,
            `HTTP ${status} for a request that is "${code}"`,
            `HTTP ${exchange.status} ${exchange.text.slice(0, 200)}`,
            exchange,
          );
        }
        ctx.expectError(exchange, code, `the error body carries code "${code}"`);
      }
    },
  },
  {
    name: "errors.connect-error-body",
    rule: "error answers are Connect error JSON: Content-Type application/json, {code, message?, details?}",
    async run(ctx) {
      const exchanges = [
        await ctx.client.rpc("GetWarmPool", { warmPoolId: unknownId() }),
        await ctx.client.rpc("UpdateWarmPool", { warmPoolId: "not-a-uuid" }),
        await ctx.client.rpc("ListWarmPools", {}, { as: null }),
      ];
      for (const exchange of exchanges) {
        const contentType = exchange.headers.get("content-type") ?? "";
        const body = exchange.json as { code?: unknown; message?: unknown } | undefined;
        ctx.assert(
          /^application\/json\s*(;|$)/i.test(contentType),
          ERROR_BODY_CHECK,
          "Content-Type application/json",
          contentType || undefined,
          exchange,
        );
        ctx.assert(
          typeof body === "object" && body !== null && typeof body.code === "string",
          ERROR_BODY_CHECK,
          'a JSON object with a string "code"',
          exchange.text,
          exchange,
        );
        ctx.checkConformance(exchange);
      }
    },
  },
  {
    name: "errors.unknown-pool-not-found",
    rule: "GetWarmPool, UpdateWarmPool and DeleteWarmPool of a pool that does not exist answer not_found",
    async run(ctx) {
      const id = unknownId();
      for (const [method, message] of [
        ["GetWarmPool", { warmPoolId: id }],
        ["UpdateWarmPool", { warmPoolId: id, maxSize: 2 }],
        ["DeleteWarmPool", { warmPoolId: id }],
      ] as const) {
        ctx.expectError(
          await ctx.call(method, message),
          "not_found",
          `${method} of an unknown pool is not_found`,
        );
      }
    },
  },
  {
    name: "auth.missing-token",
    rule: "a request without a bearer token is unauthenticated, for every RPC",
    async run(ctx) {
      const id = unknownId();
      const calls: [string, unknown][] = [
        ["CreateWarmPool", { ...ctx.pair }],
        ["GetWarmPool", { warmPoolId: id }],
        ["ListWarmPools", {}],
        ["UpdateWarmPool", { warmPoolId: id, maxSize: 2 }],
        ["DeleteWarmPool", { warmPoolId: id }],
      ];
      for (const [method, message] of calls) {
        const exchange = await ctx.call(method, message, { as: null });
        ctx.expectError(
          exchange,
          "unauthenticated",
          `${method} without Authorization is unauthenticated`,
        );
      }
      const empty = await ctx.call(
        "ListWarmPools",
        {},
        { as: null, headers: { Authorization: "Bearer " } },
      );
      ctx.expectError(empty, "unauthenticated", "an empty bearer token is unauthenticated");
    },
  },
  {
    name: "isolation.foreign-organization-cannot-see",
    rule: "a pool is invisible to other organizations: Get, Update and Delete answer not_found, List omits it, nothing changes",
    needs: ["foreign-token"],
    async run(ctx) {
      const pool = await ctx.sharedPool();
      const as = ctx.foreign;
      const check = "another organization's pool is not_found";
      ctx.expectError(
        await ctx.call("GetWarmPool", { warmPoolId: pool.id }, { as }),
        "not_found",
        `${check} (GetWarmPool)`,
      );
      ctx.expectError(
        await ctx.call("UpdateWarmPool", { warmPoolId: pool.id, maxSize: 5 }, { as }),
        "not_found",
        `${check} (UpdateWarmPool)`,
      );
      ctx.expectError(
        await ctx.call("DeleteWarmPool", { warmPoolId: pool.id }, { as }),
        "not_found",
        `${check} (DeleteWarmPool)`,
      );
      const { pools } = await ctx.listAll({ as });
      ctx.assert(
        !pools.some((p) => p.id === pool.id),
        "ListWarmPools of another organization omits the pool",
        `no ${pool.id}`,
        pools.map((p) => p.id),
      );
      const ownOrg = pools.filter(
        (p) => p.metadata.organizationId === pool.metadata.organizationId,
      );
      ctx.assert(
        ownOrg.length === 0,
        "ListWarmPools of another organization shows none of this organization's pools",
        "none",
        ownOrg.map((p) => p.id),
      );
      const create = await ctx.call("CreateWarmPool", { ...ctx.pair }, { as });
      ctx.expectError(
        create,
        "not_found",
        "another organization's project is indistinguishable from a missing one (CreateWarmPool)",
      );
      await expectSpecUnchanged(ctx, pool, "calls of another organization change nothing");
    },
  },
];
