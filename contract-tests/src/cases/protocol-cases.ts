import type { CaseContext } from "../case-context.js";
import type { ContractCase } from "../contract-case.js";
import { type Exchange, type RawRequest, SERVICE_PATH } from "../http/api-client.js";
import type { WarmPool, WarmPoolResponse } from "../wire-types.js";
import { expectSizes, unknownId } from "./pool-checks.js";

const JSON_HEADERS = { "Content-Type": "application/json" };

/** Sends a raw request as the default caller. */
function send(ctx: CaseContext, request: RawRequest): Promise<Exchange> {
  return ctx.client.send(request, ctx.options.credential);
}

function expectStatus(ctx: CaseContext, exchange: Exchange, status: number, check: string): void {
  ctx.assert(
    exchange.status === status,
    check,
    `HTTP ${status}`,
    `HTTP ${exchange.status} ${exchange.text.slice(0, 200)}`,
    exchange,
  );
}

/** Collects every key of a JSON value, at any depth. */
function allKeys(value: unknown, into: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) allKeys(item, into);
  else if (typeof value === "object" && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      into.push(key);
      allKeys(inner, into);
    }
  }
  return into;
}

/** The Connect protocol around the RPCs, and ProtoJSON's naming rules. */
export const PROTOCOL_CASES: readonly ContractCase[] = [
  {
    name: "protocol.wrong-method",
    rule: "a wrong HTTP method (GET on a method with side effects, PUT, DELETE) is a bare 405 with an Allow header",
    async run(ctx) {
      const attempts: [string, string][] = [
        ["GET", "CreateWarmPool"],
        ["GET", "UpdateWarmPool"],
        ["GET", "DeleteWarmPool"],
        ["PUT", "GetWarmPool"],
        ["DELETE", "ListWarmPools"],
      ];
      for (const [method, rpc] of attempts) {
        const body = method === "GET" ? undefined : "{}";
        const exchange = await send(ctx, {
          method,
          path: SERVICE_PATH + rpc,
          headers: method === "GET" ? {} : JSON_HEADERS,
          ...(body ? { body } : {}),
        });
        expectStatus(ctx, exchange, 405, `${method} ${rpc} is 405 Method Not Allowed`);
        const allow = exchange.headers.get("allow") ?? "";
        ctx.assert(
          /\bPOST\b/.test(allow),
          `the 405 for ${method} ${rpc} says which methods are allowed`,
          "an Allow header with POST",
          allow || undefined,
          exchange,
        );
      }
    },
  },
  {
    name: "protocol.unsupported-content-type",
    rule: "a request body in a content type other than the Connect codecs is a bare 415",
    async run(ctx) {
      const message = JSON.stringify({ warmPoolId: unknownId() });
      for (const contentType of [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
      ]) {
        const exchange = await send(ctx, {
          path: `${SERVICE_PATH}GetWarmPool`,
          headers: { "Content-Type": contentType },
          body: message,
        });
        expectStatus(
          ctx,
          exchange,
          415,
          `Content-Type ${contentType} is 415 Unsupported Media Type`,
        );
      }
    },
  },
  {
    name: "protocol.unknown-path",
    rule: "an unknown procedure path (paths are case-sensitive) is a bare 404, read by clients as unimplemented",
    async run(ctx) {
      for (const path of [
        `${SERVICE_PATH}NoSuchMethod`,
        `${SERVICE_PATH}getWarmPool`,
        "/gitpod.v1.NoSuchService/GetWarmPool",
      ]) {
        const exchange = await send(ctx, { path, headers: JSON_HEADERS, body: "{}" });
        expectStatus(ctx, exchange, 404, `POST ${path} is 404 Not Found`);
      }
    },
  },
  {
    name: "protocol.malformed-json-body",
    rule: "an empty body, invalid JSON, or JSON that is not an object is invalid_argument",
    async run(ctx) {
      // ListWarmPools accepts {}, so a target reading an empty body as {} answers 200 here.
      for (const body of ["", "{", "[]", '"text"']) {
        const exchange = await send(ctx, {
          path: `${SERVICE_PATH}ListWarmPools`,
          headers: JSON_HEADERS,
          body,
        });
        ctx.checkConformance(exchange);
        ctx.expectError(
          exchange,
          "invalid_argument",
          `a body of ${JSON.stringify(body)} is invalid_argument`,
        );
      }
    },
  },
  {
    name: "protocol.connect-protocol-version",
    rule: "Connect-Protocol-Version is optional; when present it must be 1, any other value is invalid_argument",
    async run(ctx) {
      const ok = await ctx.call(
        "ListWarmPools",
        { pagination: { pageSize: 1 } },
        { headers: { "Connect-Protocol-Version": "1" } },
      );
      ctx.expectOk(ok, "Connect-Protocol-Version: 1 is accepted");
      const bad = await ctx.call(
        "ListWarmPools",
        {},
        { headers: { "Connect-Protocol-Version": "2" } },
      );
      ctx.expectError(bad, "invalid_argument", "Connect-Protocol-Version: 2 is invalid_argument");
    },
  },
  {
    name: "protocol.gzip-request-body",
    rule: "a request body with Content-Encoding: gzip is inflated and read like an uncompressed one",
    async run(ctx) {
      const list = await send(ctx, {
        path: `${SERVICE_PATH}ListWarmPools`,
        headers: JSON_HEADERS,
        body: JSON.stringify({ pagination: { pageSize: 1 } }),
        gzip: true,
      });
      ctx.expectOk(list, "a gzip-compressed ListWarmPools request succeeds");
      ctx.checkConformance(list);
      // not_found (rather than invalid_argument) shows the ID inside the compressed body was read.
      const get = await send(ctx, {
        path: `${SERVICE_PATH}GetWarmPool`,
        headers: JSON_HEADERS,
        body: JSON.stringify({ warmPoolId: unknownId() }),
        gzip: true,
      });
      ctx.expectError(
        get,
        "not_found",
        "the warmPoolId of a gzip-compressed GetWarmPool request is read (not_found for an unknown pool)",
      );
      ctx.checkConformance(get);
    },
  },
  {
    name: "protocol.unknown-content-encoding",
    rule: "a request Content-Encoding the server does not support is unimplemented, with a message naming the supported ones",
    async run(ctx) {
      const exchange = await send(ctx, {
        path: `${SERVICE_PATH}ListWarmPools`,
        headers: { ...JSON_HEADERS, "Content-Encoding": "x-unknown-codec" },
        body: "{}",
      });
      const error = ctx.expectError(
        exchange,
        "unimplemented",
        "Content-Encoding: x-unknown-codec is unimplemented",
      );
      ctx.checkConformance(exchange);
      ctx.assert(
        /\bgzip\b/.test(error.message ?? ""),
        "the unimplemented message names the supported encodings",
        'a message mentioning "gzip"',
        error.message,
        exchange,
      );
    },
  },
  {
    name: "protocol.connect-timeout-header",
    rule: "Connect-Timeout-Ms is a positive integer of at most 10 digits; any other value is invalid_argument",
    async run(ctx) {
      const ok = await ctx.call(
        "ListWarmPools",
        {},
        { headers: { "Connect-Timeout-Ms": "60000" } },
      );
      ctx.expectOk(ok, "Connect-Timeout-Ms: 60000 is accepted");
      for (const value of ["abc", "-5", "12345678901"]) {
        const bad = await ctx.call(
          "ListWarmPools",
          {},
          { headers: { "Connect-Timeout-Ms": value } },
        );
        ctx.expectError(
          bad,
          "invalid_argument",
          `Connect-Timeout-Ms: ${value} is invalid_argument`,
        );
      }
    },
  },
  {
    name: "protojson.snake-case-input",
    rule: "ProtoJSON input accepts proto field names (project_id) as well as JSON names",
    async run(ctx) {
      await ctx.freePair(ctx.pair);
      const exchange = await ctx.call("CreateWarmPool", {
        project_id: ctx.pair.projectId,
        environment_class_id: ctx.pair.environmentClassId,
        min_size: 1,
        max_size: 2,
      });
      const pool = ctx.expectOk<WarmPoolResponse>(
        exchange,
        "CreateWarmPool with snake_case fields succeeds",
      ).warmPool;
      expectSizes(ctx, pool, 1, 2, "snake_case sizes are read");
      const update = await ctx.call("UpdateWarmPool", { warm_pool_id: pool.id, max_size: 3 });
      const updated = ctx.expectOk<WarmPoolResponse>(
        update,
        "UpdateWarmPool with snake_case fields succeeds",
      ).warmPool;
      ctx.assert(
        updated.spec.maxSize === 3,
        "snake_case max_size is read by UpdateWarmPool",
        "maxSize 3",
        updated.spec.maxSize,
      );
      const { pools } = await ctx.listAll({ filter: { project_ids: [ctx.pair.projectId] } });
      ctx.assert(
        pools.some((p) => p.id === pool.id),
        "a snake_case filter is read by ListWarmPools",
        pool.id,
        pools.map((p) => p.id),
      );
    },
  },
  {
    name: "protojson.camel-case-output",
    rule: "responses use the lowerCamelCase JSON names, never proto field names",
    async run(ctx) {
      await ctx.freePair(ctx.pair);
      // Raw calls: the naming is checked before the schema check would reject the same answers.
      const create = await ctx.client.rpc("CreateWarmPool", { ...ctx.pair });
      const created = (create.json as WarmPoolResponse | undefined)?.warmPool as
        | WarmPool
        | undefined;
      const get = await ctx.client.rpc("GetWarmPool", { warmPoolId: created?.id ?? unknownId() });
      const list = await ctx.client.rpc("ListWarmPools", { pagination: { pageSize: 2 } });
      for (const exchange of [create, get, list]) {
        const snake = allKeys(exchange.json).filter((key) => key.includes("_"));
        ctx.assert(
          snake.length === 0,
          "output field names are lowerCamelCase",
          "no snake_case keys",
          [...new Set(snake)],
          exchange,
        );
        ctx.checkConformance(exchange);
      }
      ctx.expectOk(create, "CreateWarmPool succeeds on a free pair");
      ctx.expectOk(get, "GetWarmPool of a created pool succeeds");
    },
  },
  {
    name: "protojson.unknown-fields-ignored",
    rule: "unknown request fields are ignored, not rejected",
    async run(ctx) {
      const exchange = await ctx.call("GetWarmPool", {
        warmPoolId: unknownId(),
        someFutureField: 1,
      });
      ctx.expectError(
        exchange,
        "not_found",
        "GetWarmPool with an unknown extra field reads the known ones (not_found here)",
      );
    },
  },
];
