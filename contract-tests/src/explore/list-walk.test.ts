import { describe, expect, it } from "vitest";
import { CaseFailure } from "../case-failure.js";
import type { WarmPool } from "../wire-types.js";
import { TargetBindings } from "./compare-pools.js";
import { CHECKS } from "./explore-checks.js";
import {
  checkListedPool,
  checkNextToken,
  checkPageSize,
  checkWalkComplete,
  matchesFilter,
  startWalk,
  type WalkNaming,
  walkPageSpec,
} from "./list-walk.js";
import { MODEL_ORGANIZATION } from "./model-world.js";

const PROJECT = "22222222-2222-4222-8222-222222222222";
const CLASS = "33333333-3333-4333-8333-333333333333";
const OTHER_CLASS = "33333333-3333-4333-8333-333333333334";
const TARGET_ORG = "99999999-9999-4999-8999-999999999999";
const CALL = { caller: "own", wire: "json", snakeCase: false, unknownField: false } as const;

function pool(id: string, patch: { organizationId?: string; environmentClassId?: string } = {}) {
  return {
    id,
    metadata: {
      organizationId: TARGET_ORG,
      projectId: PROJECT,
      environmentClassId: CLASS,
      ...patch,
    },
  } as unknown as WarmPool;
}

function naming(): WalkNaming {
  return {
    bindings: new TargetBindings(),
    describeId: (id) => `<${id.slice(0, 4)}>`,
    nameIds: (t) => t,
  };
}

function failure(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof CaseFailure) return error.detail.check;
    throw error;
  }
  return undefined;
}

describe("a walk through ListWarmPools' pages", () => {
  it("asks for the next page with the walk's filter, size and token", () => {
    const walk = startWalk("own", CALL, { projectIds: [PROJECT] }, 2, []);
    expect(walkPageSpec(walk, "t1")).toEqual({
      rpc: "ListWarmPools",
      message: { filter: { projectIds: [PROJECT] }, pagination: { pageSize: 2, token: "t1" } },
      ...CALL,
    });
    expect(walkPageSpec(startWalk("own", CALL, {}, undefined, []), "").message).toEqual({});
  });

  it("refuses a page larger than asked, or than 100 when no size was asked", () => {
    expect(
      failure(() => checkPageSize(startWalk("own", CALL, {}, 2, []), 3, undefined as never)),
    ).toBe(CHECKS.pageSize);
    expect(
      failure(() => checkPageSize(startWalk("own", CALL, {}, 2, []), 2, undefined as never)),
    ).toBeUndefined();
    expect(
      failure(() =>
        checkPageSize(startWalk("own", CALL, {}, undefined, []), 101, undefined as never),
      ),
    ).toBe(CHECKS.pageSize);
  });

  it("refuses a pool listed twice, of another organization, or outside the filter", () => {
    const n = naming();
    const walk = startWalk("own", CALL, { environmentClassIds: [CLASS] }, undefined, []);
    const a = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    expect(failure(() => checkListedPool(walk, pool(a), undefined as never, n))).toBeUndefined();
    expect(n.bindings.organizationOf(MODEL_ORGANIZATION)).toBe(TARGET_ORG);
    expect(failure(() => checkListedPool(walk, pool(a.toUpperCase()), undefined as never, n))).toBe(
      CHECKS.once,
    );
    const b = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
    expect(
      failure(() =>
        checkListedPool(walk, pool(b, { organizationId: PROJECT }), undefined as never, n),
      ),
    ).toBe(CHECKS.organization);
    const c = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
    expect(
      failure(() =>
        checkListedPool(walk, pool(c, { environmentClassId: OTHER_CLASS }), undefined as never, n),
      ),
    ).toBe(CHECKS.filter);
  });

  it("ends complete only when every pool live throughout showed", () => {
    const a = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
    const walk = startWalk("own", CALL, {}, undefined, [a]);
    expect(failure(() => checkWalkComplete(walk, undefined as never, naming()))).toBe(
      CHECKS.complete,
    );
    checkListedPool(walk, pool(a), undefined as never, naming());
    expect(failure(() => checkWalkComplete(walk, undefined as never, naming()))).toBeUndefined();
  });

  it("refuses a page token it was given before", () => {
    const walk = startWalk("own", CALL, {}, 1, []);
    checkNextToken(walk, "t1", undefined as never);
    expect(walk.targetToken).toBe("t1");
    checkNextToken(walk, "t2", undefined as never);
    expect(failure(() => checkNextToken(walk, "t1", undefined as never))).toBe(CHECKS.once);
  });

  it("matches a filter by any of its IDs, case aside; an empty list matches all", () => {
    const pair = { projectId: PROJECT, environmentClassId: CLASS };
    expect(matchesFilter(pair, {})).toBe(true);
    expect(matchesFilter(pair, { environmentClassIds: [] })).toBe(true);
    expect(matchesFilter(pair, { environmentClassIds: [OTHER_CLASS, CLASS.toUpperCase()] })).toBe(
      true,
    );
    expect(matchesFilter(pair, { projectIds: [OTHER_CLASS] })).toBe(false);
  });
});
