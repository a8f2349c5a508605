import type { CaseContext } from "../case-context.js";
import type { ContractCase } from "../contract-case.js";
import { expectSpecUnchanged, unknownId } from "./pool-checks.js";

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

type Message = Record<string, unknown>;

/**
 * A case whose requests must each be invalid_argument. For CreateWarmPool the pair is freed
 * first, so that a target wrongly accepting a request answers with a new pool (cleaned up).
 */
function invalidCase(
  name: string,
  rule: string,
  method: string,
  messages: (ctx: CaseContext) => readonly Message[],
  check: string,
): ContractCase {
  return {
    name: `validation.${name}`,
    rule,
    async run(ctx) {
      if (method === "CreateWarmPool") await ctx.freePair(ctx.pair);
      await expectAllInvalid(ctx, method, messages(ctx), check);
    },
  };
}

function sizeBoundCase(
  method: "CreateWarmPool" | "UpdateWarmPool",
  field: "minSize" | "maxSize" | "desiredSize",
  min: number,
  max: number,
): ContractCase {
  const group = method === "CreateWarmPool" ? "create" : "update";
  const kebab = field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const target = (ctx: CaseContext): Message =>
    method === "CreateWarmPool" ? { ...ctx.pair } : { warmPoolId: unknownId() };
  return invalidCase(
    `${group}-${kebab}-bounds`,
    `${method} ${field}, when set, must be within ${min}..${max}: outside is invalid_argument`,
    method,
    (ctx) => [
      { ...target(ctx), [field]: min - 1 },
      { ...target(ctx), [field]: max + 1 },
    ],
    `${field} outside ${min}..${max} is invalid_argument`,
  );
}

/** A rule violation and how protovalidate names it: proto field path and rule id. */
interface ViolationProbe {
  method: string;
  message: (ctx: CaseContext) => Message;
  fieldPath: string;
  ruleId: string;
}

const VIOLATION_PROBES: readonly ViolationProbe[] = [
  {
    method: "CreateWarmPool",
    message: (ctx) => ({ projectId: NOT_A_UUID, environmentClassId: ctx.pair.environmentClassId }),
    fieldPath: "project_id",
    ruleId: "string.uuid",
  },
  {
    method: "CreateWarmPool",
    message: (ctx) => ({ ...ctx.pair, minSize: 21 }),
    fieldPath: "min_size",
    ruleId: "int32.gte_lte",
  },
  { method: "GetWarmPool", message: () => ({}), fieldPath: "warm_pool_id", ruleId: "required" },
  {
    method: "ListWarmPools",
    message: (ctx) => ({ filter: { projectIds: [ctx.pair.projectId, NOT_A_UUID] } }),
    fieldPath: "filter.project_ids[1]",
    ruleId: "string.uuid",
  },
];

const VIOLATIONS_TYPE = "buf.validate.Violations";
const UNPADDED_BASE64 = /^[A-Za-z0-9+/]+$/;

/** Checks one rule violation's answer: protovalidate's message and its Violations detail. */
async function expectViolationDetail(ctx: CaseContext, probe: ViolationProbe): Promise<void> {
  const message = probe.message(ctx);
  const what = `${probe.method} ${JSON.stringify(message)}`;
  const exchange = await ctx.call(probe.method, message);
  const error = ctx.expectError(exchange, "invalid_argument", `${what} is invalid_argument`);
  const text = error.message ?? "";
  ctx.assert(
    text.startsWith("validation error:") &&
      text.includes(`${probe.fieldPath}: `) &&
      text.includes(`[${probe.ruleId}]`),
    "the message is protovalidate's: `validation error:`, then the proto field path and the rule id",
    `"validation error:" … "${probe.fieldPath}: …" … "[${probe.ruleId}]"`,
    text,
    exchange,
  );
  const details = (exchange.json as { details?: { type?: unknown; value?: unknown }[] }).details;
  const detail = details?.find((d) => d.type === VIOLATIONS_TYPE);
  ctx.assert(
    detail !== undefined,
    `a rule violation carries a ${VIOLATIONS_TYPE} detail`,
    `a detail with type "${VIOLATIONS_TYPE}"`,
    details?.map((d) => d.type),
    exchange,
  );
  const value = typeof detail?.value === "string" ? detail.value : "";
  ctx.assert(
    UNPADDED_BASE64.test(value) && value.length % 4 !== 1,
    `the ${VIOLATIONS_TYPE} detail's value is the binary message in unpadded standard base64`,
    "non-empty unpadded standard base64",
    detail?.value,
    exchange,
  );
  // Field names and rule ids are strings inside the binary message, readable without a schema.
  const binary = Buffer.from(value, "base64").toString("latin1");
  const fieldName =
    probe.fieldPath
      .split(".")
      .at(-1)
      ?.replace(/\[\d+\]$/, "") ?? "";
  ctx.assert(
    binary.includes(fieldName) && binary.includes(probe.ruleId),
    `the ${VIOLATIONS_TYPE} detail names the field and the rule`,
    `a message containing "${fieldName}" and "${probe.ruleId}"`,
    value,
    exchange,
  );
}

/** Each request validation rule of the contract, each answered with invalid_argument. */
export const VALIDATION_CASES: readonly ContractCase[] = [
  invalidCase(
    "create-missing-ids",
    "CreateWarmPool projectId and environmentClassId are required",
    "CreateWarmPool",
    (ctx) => [
      { environmentClassId: ctx.pair.environmentClassId },
      { projectId: ctx.pair.projectId },
      {},
    ],
    "a missing required ID is invalid_argument",
  ),
  invalidCase(
    "create-malformed-ids",
    "CreateWarmPool projectId and environmentClassId must be UUIDs",
    "CreateWarmPool",
    (ctx) => [
      { projectId: NOT_A_UUID, environmentClassId: ctx.pair.environmentClassId },
      { projectId: ALMOST_A_UUID, environmentClassId: ctx.pair.environmentClassId },
      { projectId: ctx.pair.projectId, environmentClassId: NOT_A_UUID },
      { projectId: "", environmentClassId: ctx.pair.environmentClassId },
    ],
    "an ID that is not a UUID is invalid_argument",
  ),
  sizeBoundCase("CreateWarmPool", "minSize", 0, 20),
  sizeBoundCase("CreateWarmPool", "maxSize", 1, 20),
  // Not sizeBoundCase: on create, desiredSize 0 means unset, so the low probe is -1.
  invalidCase(
    "create-desired-size-bounds",
    "CreateWarmPool desiredSize, when set, must be within 1..20 (0 means unset)",
    "CreateWarmPool",
    (ctx) => [
      { ...ctx.pair, desiredSize: 21 },
      { ...ctx.pair, desiredSize: -1 },
    ],
    "desiredSize outside 1..20 is invalid_argument",
  ),
  invalidCase(
    "create-min-greater-than-max",
    "maxSize must be >= minSize: CreateWarmPool with minSize > maxSize is invalid_argument",
    "CreateWarmPool",
    (ctx) => [{ ...ctx.pair, minSize: 5, maxSize: 2 }],
    "minSize > maxSize is invalid_argument",
  ),
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
      await expectSpecUnchanged(ctx, pool, "a rejected update changes nothing");
    },
  },
  {
    name: "validation.violations-detail",
    rule: "an invalid_argument for a rule violation is protovalidate's: the message starts `validation error:` and names the proto field path and rule id, and one buf.validate.Violations detail (unpadded base64) carries it",
    async run(ctx) {
      await ctx.freePair(ctx.pair);
      for (const probe of VIOLATION_PROBES) await expectViolationDetail(ctx, probe);
    },
  },
  invalidCase(
    "list-page-size-bounds",
    "ListWarmPools pagination.pageSize must be within 0..100",
    "ListWarmPools",
    () => [{ pagination: { pageSize: 101 } }, { pagination: { pageSize: -1 } }],
    "a page size outside 0..100 is invalid_argument",
  ),
  invalidCase(
    "list-filter-ids",
    "ListWarmPools filter IDs must be UUIDs, at most 25 of each",
    "ListWarmPools",
    (ctx) => {
      const many = Array.from({ length: 26 }, () => unknownId());
      return [
        { filter: { projectIds: [NOT_A_UUID] } },
        { filter: { environmentClassIds: [ctx.pair.environmentClassId, NOT_A_UUID] } },
        { filter: { projectIds: many } },
        { filter: { environmentClassIds: many } },
      ];
    },
    "a malformed filter is invalid_argument",
  ),
];
