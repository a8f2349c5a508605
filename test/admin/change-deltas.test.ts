// The change feed's deltas are exact: whatever changes the world (an RPC, the reconciler on a
// clock advance, an admin action, a reset or a load), the event names exactly the records that
// differ between the world before and after, and GET /_admin/records?since= returns exactly
// those, as they now are. The oracle is a diff of two snapshots, which knows nothing of how the
// mock tracks changes; a mutation path that forgets to log fails here.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { sampleRequest } from "../../scripts/sample-requests.js";
import { createFetchMock, type FetchMock } from "../../src/adapters/fetch/create-fetch-mock.js";
import { loadContract } from "../../src/contract/load-contract.js";
import type { ChangeEvent, RecordPage } from "../../src/generated/admin-types.js";
import type { RecordKind } from "../../src/store/change-log.js";
import type { WorldData } from "../../src/store/world.js";
import { TEST_EPOCH } from "../support/create-manual-clock.js";
import {
  ACME_ORG,
  ACME_RUNNER,
  ALICE,
  BOB,
  EXISTING_POOL,
  GLOBEX_ORG,
  GLOBEX_POOL,
  GPU,
  LARGE,
  ML_NO_SNAPSHOT,
  STANDARD,
  WEB_APP,
  XLARGE,
} from "../support/fixtures.js";

const KINDS = ["runners", "environmentClasses", "projects", "prebuilds", "warmPools"] as const;
type Kind = (typeof KINDS)[number];
type Diff = Partial<Record<Kind, { changed: string[]; removed: string[] }>>;

// A record as text with its keys sorted: the same record built in another key order is the same.
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

// What a world holds, per kind, by ID; a pool or prebuild without the simulation's own
// schedule (dueAt, a pool's step), which is no part of what the API shows.
function index(world: WorldData): Record<Kind, Map<string, string>> {
  const byId = (records: { id: string }[]) => new Map(records.map((r) => [r.id, canonical(r)]));
  return {
    runners: byId(world.runners),
    environmentClasses: byId(world.environmentClasses),
    projects: byId(world.projects),
    prebuilds: byId(world.prebuilds.map(({ dueAt: _d, ...prebuild }) => prebuild)),
    warmPools: byId(world.warmPools.map(({ dueAt: _d, step: _s, ...pool }) => pool)),
  };
}

function diff(before: WorldData, after: WorldData): Diff {
  const [a, b] = [index(before), index(after)];
  const found: Diff = {};
  for (const kind of KINDS) {
    const changed = [...b[kind]].filter(([id, text]) => a[kind].get(id) !== text).map(([id]) => id);
    const removed = [...a[kind].keys()].filter((id) => !b[kind].has(id));
    if (changed.length + removed.length > 0) {
      found[kind] = { changed: changed.sort(), removed: removed.sort() };
    }
  }
  return found;
}

function named(event: ChangeEvent | undefined): Diff {
  const found: Diff = {};
  for (const kind of KINDS) {
    const entry = event?.world?.[kind];
    if (!entry) continue;
    found[kind] = {
      changed: (entry.changed ?? []).map((c) => c.id).sort(),
      removed: [...(entry.removed ?? [])].sort(),
    };
  }
  return found;
}

let mock: FetchMock;
let heard: ChangeEvent[];
let stop: () => void;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  mock = createFetchMock({ clockStart: TEST_EPOCH });
  heard = [];
  stop = mock.watchEvents((event) => heard.push(event));
});

afterEach(() => {
  stop();
  mock.close();
  vi.useRealTimers();
});

const contract = loadContract();

/** Calls an RPC by its name (`Service/Method`, or a bare method while unique); the status. */
async function rpc(name: string, body: unknown, token = ALICE): Promise<number> {
  const path = contract.findRpc(name)?.path;
  if (!path) throw new Error(`no RPC ${name}`);
  const res = await mock.fetch(
    new Request(`http://mock${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    }),
  );
  await res.arrayBuffer();
  return res.status;
}

/**
 * Runs one step and returns the event it caused (undefined when none), after checking that the
 * event names exactly what the snapshots differ by, and that a read since the revision before
 * returns exactly those records, as they are now.
 */
async function step(act: () => unknown): Promise<ChangeEvent | undefined> {
  vi.advanceTimersByTime(1000);
  const before = mock.store.snapshot();
  const revision = mock.getOverview().revision;
  const seen = heard.length;
  try {
    await act();
  } catch {
    // A refused action is a step too: it must change nothing.
  }
  vi.advanceTimersByTime(100);
  const events = heard.slice(seen);
  expect(events.length).toBeLessThanOrEqual(1);
  const event = events[0];
  const after = mock.store.snapshot();
  const expected = diff(before, after);
  if (event?.reload) return event;
  expect(named(event)).toEqual(expected);
  expect(event?.topics.includes("world") ?? false).toBe(Object.keys(expected).length > 0);
  const pages = readAll(revision);
  expect(pages.reload).toBe(false);
  const read: Diff = {};
  for (const kind of KINDS) {
    const records = (pages[kind] ?? []) as { id: string }[];
    const removed = [...(pages.removed?.[kind] ?? [])];
    if (records.length + removed.length > 0) {
      read[kind] = { changed: records.map((r) => r.id).sort(), removed: removed.sort() };
    }
    const now = index(after)[kind];
    for (const record of records) {
      const { dueAt: _d, step: _s, ...shown } = record as { dueAt?: number; step?: string };
      expect(canonical(shown)).toBe(now.get(record.id));
    }
  }
  expect(read).toEqual(expected);
  return event;
}

/** Every page of a read since `revision`, merged. */
function readAll(revision: number): RecordPage {
  let page = mock.readRecords({ since: revision, limit: 2 });
  const merged: RecordPage = { ...page };
  while (page.cursor) {
    page = mock.readRecords({ cursor: page.cursor, limit: 2 });
    for (const kind of [...KINDS, "organizations", "principals"] as RecordKind[]) {
      const list = page[kind];
      if (list) (merged[kind] as unknown[]) = [...((merged[kind] as unknown[]) ?? []), ...list];
    }
    for (const [kind, ids] of Object.entries(page.removed ?? {})) {
      merged.removed ??= {};
      const key = kind as Kind;
      merged.removed[key] = [...(merged.removed[key] ?? []), ...ids];
    }
  }
  return merged;
}

describe("change events name exactly what changed", () => {
  it("RPC writes, and reads that change only the journal", async () => {
    const created = await step(() =>
      rpc("CreateWarmPool", { projectId: WEB_APP, environmentClassId: XLARGE }),
    );
    expect(created?.topics).toEqual(["world", "journal"]);
    const id = created?.world?.warmPools?.changed?.[0]?.id ?? "";
    expect(created?.world?.warmPools?.changed?.[0]).toMatchObject({ specVersion: 1 });
    await step(() => rpc("UpdateWarmPool", { warmPoolId: id, minSize: 2, maxSize: 4 }));
    // The same sizes again: the spec does not change, so only the journal does.
    const same = await step(() =>
      rpc("UpdateWarmPool", { warmPoolId: id, minSize: 2, maxSize: 4 }),
    );
    expect(same?.topics).toEqual(["journal"]);
    for (const read of [
      () => rpc("GetWarmPool", { warmPoolId: EXISTING_POOL }),
      () => rpc("ListWarmPools", {}),
      () => rpc("GetWarmPool", { warmPoolId: "00000000-0000-4000-8000-000000000000" }),
    ]) {
      expect((await step(read))?.topics).toEqual(["journal"]);
    }
    const deleted = await step(() => rpc("DeleteWarmPool", { warmPoolId: id }));
    expect(deleted?.world?.warmPools?.changed?.map((c) => c.id)).toEqual([id]);
    expect((await step(() => rpc("DeleteWarmPool", { warmPoolId: id })))?.topics).toEqual([
      "journal",
    ]);
    const gone = await step(() => mock.advanceClock({ ms: 3_600_000 }));
    expect(gone?.world?.warmPools?.removed).toEqual([id]);
    expect(gone?.topics).toEqual(["world", "clock"]);
  });

  it("every RPC's sample request, from each organization", async () => {
    for (const rpcContract of contract.rpcs.values()) {
      for (const [org, token] of [
        [ACME_ORG, ALICE],
        [GLOBEX_ORG, BOB],
      ] as const) {
        const body = sampleRequest(rpcContract.name, mock.store.snapshot(), org);
        expect(await step(() => rpc(rpcContract.name, body, token))).not.toBeUndefined();
        await step(() => mock.advanceClock({ ms: 700 }));
      }
    }
  });

  it("the page's writes: UpdateProject, and CreatePrebuild's prebuild through its phases to its pool's new snapshot", async () => {
    const renamed = await step(() =>
      rpc("ProjectService/UpdateProject", { projectId: WEB_APP, name: "acme/web-renamed" }),
    );
    expect(renamed?.topics).toEqual(["world", "journal"]);
    expect(renamed?.world?.projects?.changed).toEqual([
      { id: WEB_APP, revision: renamed?.revision },
    ]);
    // The same name again changes nothing but the journal.
    const same = await step(() =>
      rpc("ProjectService/UpdateProject", { projectId: WEB_APP, name: "acme/web-renamed" }),
    );
    expect(same?.topics).toEqual(["journal"]);

    const started = await step(() =>
      rpc("PrebuildService/CreatePrebuild", {
        projectId: WEB_APP,
        environmentClassId: LARGE,
        spec: { timeout: "1800s" },
      }),
    );
    const prebuildId = started?.world?.prebuilds?.changed?.[0]?.id ?? "";
    expect(mock.store.prebuilds.get(prebuildId)?.phase).toBe("PREBUILD_PHASE_PENDING");
    const specVersion = mock.store.getPool(EXISTING_POOL)?.spec.version ?? 0;
    const phases: string[] = [];
    let snapshotMoved: ChangeEvent | undefined;
    // A third of the prebuild delay (3 s) per phase: RUNNING, SNAPSHOTTING, COMPLETED.
    for (let i = 0; i < 3; i++) {
      const moved = await step(() => mock.advanceClock({ ms: 1000 }));
      expect(moved?.world?.prebuilds?.changed?.map((c) => c.id)).toEqual([prebuildId]);
      phases.push(mock.store.prebuilds.get(prebuildId)?.phase ?? "");
      if (moved?.world?.warmPools) snapshotMoved = moved;
    }
    expect(phases).toEqual([
      "PREBUILD_PHASE_RUNNING",
      "PREBUILD_PHASE_SNAPSHOTTING",
      "PREBUILD_PHASE_COMPLETED",
    ]);
    // Completed, it is the pool's snapshot: the same event names the pool, with a new spec.
    expect(mock.store.getPool(EXISTING_POOL)?.spec.snapshotId).toBe(prebuildId);
    expect(snapshotMoved?.world?.warmPools?.changed).toEqual([
      expect.objectContaining({ id: EXISTING_POOL, specVersion: specVersion + 1 }),
    ]);
    // Then the pool rotates its instances onto it, each step an exact event too.
    for (const ms of [1000, 5000, 60_000, 3_600_000]) await step(() => mock.advanceClock({ ms }));
    expect(mock.store.getPool(EXISTING_POOL)?.instancesSnapshotId).toBe(prebuildId);
  });

  it("the reconciler's steps as the clock moves", async () => {
    await step(() => rpc("CreateWarmPool", { projectId: WEB_APP, environmentClassId: XLARGE }));
    await step(() => mock.claimInstances(EXISTING_POOL, { count: 1 }));
    for (const ms of [100, 400, 600, 1000, 60_000]) await step(() => mock.advanceClock({ ms }));
    // Nothing is due: the clock moves, the world does not.
    const still = await step(() => mock.advanceClock({ ms: 3_600_000 }));
    expect(still?.topics).toEqual(["clock"]);
  });

  it("admin actions, each changing what it says and nothing else", async () => {
    const world = mock.getWorld();
    const project = world.projects.find((p) => p.id === WEB_APP);
    const large = world.environmentClasses.find((c) => c.id === LARGE);
    if (!project || !large) throw new Error("the default world changed");
    const { id: _p, ...projectBody } = project;
    const { id: _c, ...classBody } = large;
    const actions: [string, () => unknown][] = [
      ["put the same project", () => mock.putProject(WEB_APP, projectBody)],
      ["rename a project", () => mock.putProject(WEB_APP, { ...projectBody, name: "acme/web" })],
      ["put the same class", () => mock.putEnvironmentClass(LARGE, classBody)],
      ["disable a class", () => mock.patchEnvironmentClass(LARGE, { enabled: false })],
      ["enable it", () => mock.patchEnvironmentClass(LARGE, { enabled: true })],
      [
        "put the same runner",
        () => mock.putRunner(ACME_RUNNER, { organizationId: ACME_ORG, name: "acme-eu-central" }),
      ],
      ["degrade a runner", () => mock.degradeRunner(ACME_RUNNER, { message: "disk full" })],
      ["degrade it the same way", () => mock.degradeRunner(ACME_RUNNER, { message: "disk full" })],
      ["recover it", () => mock.recoverRunner(ACME_RUNNER)],
      [
        "record a prebuild",
        () => mock.createPrebuild({ projectId: WEB_APP, environmentClassId: LARGE }),
      ],
      ["advance", () => mock.advanceClock({ ms: 3_600_000 })],
      ["claim", () => mock.claimInstances(EXISTING_POOL, { count: 1 })],
      ["claim too many", () => mock.claimInstances(EXISTING_POOL, { count: 20 })],
      ["fail a prebuild of the GPU project", () => failNewPrebuild(ML_NO_SNAPSHOT, GPU)],
      [
        "drop a class from a project",
        () => mock.patchPrebuildConfiguration(WEB_APP, { environmentClassIds: [STANDARD, XLARGE] }),
      ],
      ["advance until the pool is gone", () => mock.advanceClock({ ms: 3_600_000 })],
      ["delete a class without pools", () => mock.deleteEnvironmentClass(LARGE)],
      ["delete an unknown class", () => mock.deleteEnvironmentClass(LARGE)],
      ["a fault rule", () => mock.addFault({ rpc: "*", latencyMs: 1 })],
      ["clear the journal", () => mock.clearJournal()],
      ["read everything", () => [mock.getWorld(), mock.getJournal(), mock.listFaults()]],
    ];
    const seen: string[][] = [];
    for (const [name, act] of actions) {
      const event = await step(act);
      seen.push([name, ...(event?.topics ?? [])]);
    }
    expect(seen).toEqual([
      ["put the same project"],
      ["rename a project", "world"],
      ["put the same class"],
      ["disable a class", "world"],
      ["enable it", "world"],
      ["put the same runner"],
      ["degrade a runner", "world"],
      ["degrade it the same way"],
      ["recover it", "world"],
      ["record a prebuild", "world"],
      ["advance", "clock"],
      ["claim", "world"],
      ["claim too many"],
      ["fail a prebuild of the GPU project", "world"],
      ["drop a class from a project", "world"],
      ["advance until the pool is gone", "world", "clock"],
      ["delete a class without pools", "world"],
      ["delete an unknown class"],
      ["a fault rule", "faults"],
      ["clear the journal", "journal"],
      ["read everything"],
    ]);
  });

  it("a fault rule's hits, and a forced error that changes nothing", async () => {
    await step(() => mock.addFault({ rpc: "GetWarmPool", error: { code: "unavailable" } }));
    const forced = await step(() => rpc("GetWarmPool", { warmPoolId: EXISTING_POOL }));
    expect(forced?.topics).toEqual(["faults", "journal"]);
    const other = await step(() => rpc("ListWarmPools", {}));
    expect(other?.topics).toEqual(["journal"]);
  });

  it("a whole new world is a reload: reset, put, load a scenario", async () => {
    await step(() => mock.degradeRunner(ACME_RUNNER, { message: "x" }));
    const reset = await step(() => mock.reset());
    expect(reset).toMatchObject({ reload: true, topics: ["world", "journal", "scenario"] });
    const put = await step(() => mock.putWorld(mock.getWorld()));
    expect(put).toMatchObject({ reload: true, scenario: { world: "uploaded" } });
    const scenario = await step(() => mock.loadScenario({ name: "every-phase" }));
    expect(scenario).toMatchObject({
      reload: true,
      scenario: { name: "every-phase", world: "scenario" },
    });
    expect(scenario?.topics).toContain("clock");
    // A read from before the replacement cannot be answered with a delta: it starts over.
    expect(mock.readRecords({ since: 1 }).reload).toBe(true);
  });

  it("numbers events for the whole mock, increasing, and a new watcher starts at the latest", async () => {
    await step(() => mock.advanceClock({ ms: 1 }));
    await step(() => mock.advanceClock({ ms: 1 }));
    expect(heard.map((e) => e.seq)).toEqual([0, 1, 2]);
    const late: ChangeEvent[] = [];
    const leave = mock.watchEvents((event) => late.push(event));
    expect(late).toMatchObject([{ seq: 2, reload: true }]);
    leave();
  });
});

function failNewPrebuild(projectId: string, classId: string): void {
  const prebuild = mock.createPrebuild({ projectId, environmentClassId: classId });
  mock.failPrebuild(prebuild.id, { message: "out of memory" });
}

describe("reading the world in pages", () => {
  it("gives every record once, small lists first, each page of pools with its projects", () => {
    const world = mock.getWorld();
    const first = mock.readRecords({ limit: 8 });
    expect(first).toMatchObject({ reload: true, defaultToken: world.defaultToken });
    expect(first.organizations).toHaveLength(2);
    const pages = [first];
    let page = first;
    while (page.cursor) {
      page = mock.readRecords({ cursor: page.cursor, limit: 8 });
      pages.push(page);
    }
    for (const kind of ["warmPools", "projects", "prebuilds", "runners"] as const) {
      const ids = pages.flatMap((p) => (p[kind] ?? []).map((r) => r.id)).sort();
      expect(ids).toEqual(world[kind].map((r) => r.id).sort());
    }
    const poolPage = pages.find((p) => p.warmPools?.length);
    for (const pool of poolPage?.warmPools ?? []) {
      expect(poolPage?.projects?.map((p) => p.id)).toContain(pool.projectId);
    }
    expect(new Set(pages.map((p) => p.revision)).size).toBe(1);
  });

  it("refuses a limit, since or cursor that is not one", () => {
    expect(() => mock.readRecords({ limit: 0 })).toThrow(/limit/);
    expect(() => mock.readRecords({ limit: 5001 })).toThrow(/limit/);
    expect(() => mock.readRecords({ since: -1 })).toThrow(/since/);
    expect(() => mock.readRecords({ cursor: "c999" })).toThrow(/no longer kept/);
  });

  it("skips a record removed while the pages are read; the next read since tells of it", () => {
    const first = mock.readRecords({ limit: 1 });
    const revision = first.revision;
    mock.putWorld({ ...mock.getWorld(), warmPools: [] } as never);
    expect(mock.readRecords({ since: revision }).reload).toBe(true);
    expect(GLOBEX_POOL).toBeTruthy();
  });
});
