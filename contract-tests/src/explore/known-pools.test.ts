import { describe, expect, it } from "vitest";
import type { Exchange } from "../http/api-client.js";
import type { WarmPool } from "../wire-types.js";
import { FixtureIds } from "./fixture-ids.js";
import { KnownPools } from "./known-pools.js";

const PROJECT = "22222222-2222-4222-8222-222222222222";
const CLASS = "33333333-3333-4333-8333-333333333333";

function pool(id: string): WarmPool {
  return { id, metadata: { projectId: PROJECT, environmentClassId: CLASS } } as unknown as WarmPool;
}

function pools(): KnownPools {
  return new KnownPools(new FixtureIds({ projectId: PROJECT, classIds: [CLASS] } as never));
}

const A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";

describe("the pools a run knows", () => {
  it("refers to a sequence's pools counting from the latest, so shrinking keeps references", () => {
    const known = pools();
    expect(known.createdAt(0)).toBeUndefined();
    known.remember(pool(A), "own", "live");
    known.remember(pool(B), "foreign", "live");
    expect(known.createdAt(0)?.id).toBe(B);
    expect(known.createdAt(1)?.id).toBe(A);
    expect(known.createdAt(2)?.id).toBe(B);
    expect(known.poolFor({ kind: "created", index: 1 })?.owner).toBe("own");
    expect(known.poolFor({ kind: "unknown" })).toBeUndefined();
  });

  it("names the current sequence's pools by alias, earlier ones and fixtures by role", () => {
    const known = pools();
    known.remember(pool(A), "own", "live");
    expect(known.describeId(A.toUpperCase())).toBe("pool #1");
    expect(known.nameIds(`{"a":"${A}","p":"${PROJECT}"}`)).toBe(
      '{"a":"<pool #1>","p":"<project>"}',
    );
    known.beginSequence();
    expect(known.describeId(A)).toBe("pool aaaaaaaa… (an earlier sequence's)");
    expect(known.nameIds(A)).toBe(A);
    expect(known.get(A)?.alias).toBe("#1");
  });

  it("keeps a pool only the target made, and tells when the target reused an ID", () => {
    const known = pools();
    const created = (id: string) =>
      ({
        json: { warmPool: { id, metadata: { projectId: PROJECT, environmentClassId: CLASS } } },
      }) as unknown as Exchange;
    known.noteCreated(created(A));
    expect(known.get(A)?.model).toBe("absent");
    expect(known.reusedId).toBeUndefined();
    known.noteCreated(created(A));
    expect(known.reusedId).toBe(A);
  });
});
