import { describe, expect, it } from "vitest";
import { ChangeLog } from "./change-log.js";

const ids = (byKind: Map<string, Map<string, number>> | undefined) =>
  Object.fromEntries([...(byKind ?? [])].map(([kind, map]) => [kind, [...map.keys()]]));

describe("ChangeLog", () => {
  it("says what changed after a revision, each record once at its latest revision", () => {
    const log = new ChangeLog();
    log.changed("warmPools", "a");
    const mark = log.revision;
    log.changed("warmPools", "b");
    log.changed("runners", "r");
    log.changed("warmPools", "b");
    log.removed("warmPools", "a");
    const since = log.since(mark);
    expect(ids(since?.changed)).toEqual({ warmPools: ["b"], runners: ["r"] });
    expect(ids(since?.removed)).toEqual({ warmPools: ["a"] });
    expect(since?.changed.get("warmPools")?.get("b")).toBe(4);
    expect(ids(log.since(log.revision)?.changed)).toEqual({});
  });

  it("forgets a removal when the record comes back, and a change when it goes", () => {
    const log = new ChangeLog();
    log.removed("projects", "p");
    log.changed("projects", "p");
    expect(ids(log.since(0)?.removed)).toEqual({});
    log.removed("projects", "p");
    expect(ids(log.since(0)?.changed)).toEqual({});
    expect(ids(log.since(0)?.removed)).toEqual({ projects: ["p"] });
  });

  it("cannot say what changed across a replacement, before forgotten removals, or in the future", () => {
    const log = new ChangeLog();
    log.changed("runners", "r");
    log.replaced();
    expect(log.since(0)).toBeUndefined();
    expect(log.since(log.replacedAt)).toEqual({ changed: new Map(), removed: new Map() });
    expect(log.since(log.revision + 1)).toBeUndefined();
    expect(log.revisionOf("runners", "r")).toBe(log.replacedAt);
  });

  it("logs nothing while the store rebuilds itself", () => {
    const log = new ChangeLog();
    log.quietly(() => log.changed("warmPools", "a"));
    expect(log.revision).toBe(0);
  });
});
