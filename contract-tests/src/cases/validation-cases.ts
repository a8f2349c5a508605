import type { CaseContext } from "../case-context.js";
import type { ContractCase } from "../contract-case.js";
import { unknownId } from "./pool-checks.js";

const NOT_A_UUID = "not-a-uuid";
const ALMOST_A_UUID = "b0e12f6c-4c67-429d-a4a6-d9838b5da04"; // one hex digit short

/** Sends each message and expects invalid_argument for every one. */
async function expectAllInvalid(
  ctx: CaseContext,
  method: string,
  messages: readonly Record<string, unknown>[],
  rule: string,
): Promise<void> {
  for (const message of messages) {
    const exchange = await ctx.call(method, message);
    ctx.expectError(exchange, "invalid_argument", `${rule}: ${method} ${JSON.stringify(message)}`);
  }
}

function sizeBoundCase(
  method: "CreateWarmPool" | "UpdateWarmPool",
  field: "minSize" | "maxSize" | "desiredSize",
  min: number,
  max: number,
): ContractCase {
  const group = method === "CreateWarmPool" ? "create" : "update";
  const kebab = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  return {
    name: `validation.${group}-${kebab}-bounds`,
    rule: `${method} ${field} must be within ${min}..${max}: outside is invalid_argument`,
    async run(ctx) {
      const target = method === "CreateWarmPool" ? { ...ctx.pair } : { warmPoolId: unknownId() };
      // Free the pair, so that a target wrongly accepting the request answers with a new pool.
      if (method === "CreateWarmPool") await ctx.freePair(ctx.pair);
      await expectAllInvalid(
        ctx,
        method,
        [
          { ...target, [field]: min - 1 },
          { ...target, [field]: max + 1 },
        ],
        `${field} outside ${min}..${max} is invalid_argument`,
      );
    },
  };
}

/** Each request validation rule of the contract, each answered with invalid_argument. */
export const VALIDATION_CASES: readonly ContractCase[] = [
  {
    name: "validation.create-missing-ids",
    rule: "CreateWarmPool projectId and environmentClassId are required",
    async run(ctx) {
      await expectAllInvalid(
        ctx,
        "CreateWarmPool",
        [
          { environmentClassId: ctx.pair.environmentClassId },
          { projectId: ctx.pair.projectId },
          {},
        ],
        "a missing required ID is invalid_argument",
      );
    },
  },
  {
    name: "validation.create-malformed-ids",
    rule: "CreateWarmPool projectId and environmentClassId must be UUIDs",
    async run(ctx) {
      await expectAllInvalid(
        ctx,
        "CreateWarmPool",
        [
          { projectId: NOT_A_UUID, environmentClassId: ctx.pair.environmentClassId },
          { projectId: ALMOST_A_UUID, environmentClassId: ctx.pair.environmentClassId },
          { projectId: ctx.pair.projectId, environmentClassId: NOT_A_UUID },
          { projectId: "", environmentClassId: ctx.pair.environmentClassId },
        ],
        "an ID that is not a UUID is invalid_argument",
      );
    },
  },
  sizeBoundCase("CreateWarmPool", "minSize", 0, 20),
  sizeBoundCase("CreateWarmPool", "maxSize", 1, 20),
  {
    name: "validation.create-desired-size-bounds",
    rule: "CreateWarmPool desiredSize, when set, must be within 1..20 (0 means unset)",
    async run(ctx) {
      await ctx.freePair(ctx.pair);
      await expectAllInvalid(
        ctx,
        "CreateWarmPool",
        [
          { ...ctx.pair, desiredSize: 21 },
          { ...ctx.pair, desiredSize: -1 },
        ],
        "desiredSize outside 1..20 is invalid_argument",
      );
    },
  },
  {
    name: "validation.create-min-greater-than-max",
    rule: "maxSize must be >= minSize: CreateWarmPool with minSize > maxSize is invalid_argument",
    async run(ctx) {
      await ctx.freePair(ctx.pair);
      await expectAllInvalid(
        ctx,
        "CreateWarmPool",
        [{ ...ctx.pair, minSize: 5, maxSize: 2 }],
        "minSize > maxSize is invalid_argument",
      );
    },
  },
  {
    name: "validation.pool-id-required-uuid",
    rule: "warmPoolId is required and must be a UUID (Get, Update, Delete)",
    async run(ctx) {
      for (const method of ["GetWarmPool", "UpdateWarmPool", "DeleteWarmPool"]) {
        await expectAllInvalid(
          ctx,
          method,
          [{}, { warmPoolId: NOT_A_UUID }, { warmPoolId: ALMOST_A_UUID }],
          "a missing or malformed warmPoolId is invalid_argument",
        );
      }
    },
  },
  sizeBoundCase("UpdateWarmPool", "minSize", 0, 20),
  sizeBoundCase("UpdateWarmPool", "maxSize", 1, 20),
  sizeBoundCase("UpdateWarmPool", "desiredSize", 1, 20),
  {
    name: "validation.update-min-greater-than-max",
    rule: "after UpdateWarmPool minSize <= maxSize must hold: otherwise invalid_argument and the pool is unchanged",
    async run(ctx) {
      const pool = await ctx.createPool({ ...ctx.pair, minSize: 1, maxSize: 3 });
      await expectAllInvalid(
        ctx,
        "UpdateWarmPool",
        [
          { warmPoolId: pool.id, minSize: 5 },
          { warmPoolId: pool.id, minSize: 4, maxSize: 2 },
        ],
        "an update leaving minSize > maxSize is invalid_argument",
      );
      const { pool: after, exchange } = await ctx.getPool(pool.id);
      ctx.assert(
        after?.spec.minSize === 1 &&
          after.spec.maxSize === 3 &&
          after.spec.specVersion === pool.spec.specVersion,
        "a rejected update changes nothing",
        `minSize 1, maxSize 3, specVersion ${pool.spec.specVersion}`,
        after?.spec,
        exchange,
      );
    },
  },
  {
    name: "validation.list-page-size-bounds",
    rule: "ListWarmPools pagination.pageSize must be within 0..100",
    async run(ctx) {
      await expectAllInvalid(
        ctx,
        "ListWarmPools",
        [{ pagination: { pageSize: 101 } }, { pagination: { pageSize: -1 } }],
        "a page size outside 0..100 is invalid_argument",
      );
    },
  },
  {
    name: "validation.list-filter-ids",
    rule: "ListWarmPools filter IDs must be UUIDs, at most 25 of each",
    async run(ctx) {
      const many = Array.from({ length: 26 }, () => unknownId());
      await expectAllInvalid(
        ctx,
        "ListWarmPools",
        [
          { filter: { projectIds: [NOT_A_UUID] } },
          { filter: { environmentClassIds: [ctx.pair.environmentClassId, NOT_A_UUID] } },
          { filter: { projectIds: many } },
          { filter: { environmentClassIds: many } },
        ],
        "a malformed filter is invalid_argument",
      );
    },
  },
];
