// Writes the worlds of the generated scenarios (fixtures/scenarios/worlds/) by driving the
// domain's own transitions on a manual clock, so every state they hold is one the mock can
// reach. `--check` fails when a committed file differs from what this script makes.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES_DIR, SCENARIOS_DIR } from "../src/adapters/node/load-world-file.js";
import { createClock } from "../src/domain/create-clock.js";
import { createWarmPool } from "../src/domain/create-warm-pool.js";
import { deleteWarmPool } from "../src/domain/delete-warm-pool.js";
import { DEFAULT_TIMING, type DomainContext } from "../src/domain/domain-context.js";
import { putEnvironmentClass } from "../src/domain/put-environment-class.js";
import { putRunner } from "../src/domain/put-runner.js";
import { reconcile } from "../src/domain/reconcile.js";
import { createPrebuild, setPrebuildPhase } from "../src/domain/record-prebuild.js";
import { setRunnerFailure } from "../src/domain/set-runner-failure.js";
import { loadDefaultWorld } from "../src/store/load-default-world.js";
import type { Principal, Project, WorldData } from "../src/store/world.js";
import { WorldStore } from "../src/store/world-store.js";

const ACME = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
const ACME_RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01";
const STANDARD = "d2c94c27-3b76-4a42-b88c-95a85e392c68";
const LARGE = "3f9a6b1e-8c2d-4e7f-9a1b-5c6d7e8f9a02";
/** When the generated worlds are built; every-phase's manual clock stands shortly after it. */
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const SETTLE_MS = 10 * 60_000;

/** A UUID that says which scenario and which kind of record it belongs to. */
function id(prefix: string, kind: number, n: number): string {
  return `${prefix}-0000-4000-8000-${String(kind * 1000 + n).padStart(12, "0")}`;
}

/** The hand-written default world (fixtures/default-world.json) without its projects and pools. */
function baseWorld(): WorldData {
  const world = JSON.parse(
    readFileSync(join(FIXTURES_DIR, "default-world.json"), "utf8"),
  ) as WorldData;
  return { ...world, projects: [], prebuilds: [], warmPools: [] };
}

function openWorld(world: WorldData, prefix: string) {
  const clock = createClock({ mode: "manual", start: START });
  let nextPool = 1;
  const ctx: DomainContext = {
    store: new WorldStore(world),
    clock,
    newId: () => id(prefix, 1, nextPool++),
    timing: DEFAULT_TIMING,
  };
  const alice = world.principals.find((p) => p.token === "wpm_acme_alice") as Principal;
  const advance = (ms: number) => {
    clock.advance(ms);
    reconcile(ctx);
  };
  return { ctx, clock, alice, advance };
}

function addProject(ctx: DomainContext, projectId: string, name: string, classIds: string[]) {
  const project: Project = {
    id: projectId,
    organizationId: ACME,
    name,
    prebuildConfiguration: { enabled: true, environmentClassIds: classIds, timeoutSeconds: 3600 },
  };
  ctx.store.projects.set(project.id, project);
  return project;
}

/** The default world with every warm pool gone: projects, prebuilds and classes are all there. */
export function generateEmpty(): WorldData {
  return { ...loadDefaultWorld(), warmPools: [] };
}

/**
 * One pool per phase and cause: READY, PENDING (provisioning), PENDING (waiting for its first
 * prebuild), PENDING mid-rotation, DEGRADED by a failing runner, by a disabled class and by a
 * failed prebuild, and DELETING. The clock it returns is where a manual clock must stand.
 */
export function generateEveryPhase(): { world: WorldData; now: number } {
  const prefix = "e7e7a5e0";
  const { ctx, clock, alice, advance } = openWorld(baseWorld(), prefix);
  const westRunner = id(prefix, 3, 1);
  const westClass = id(prefix, 4, 1);
  const mediumClass = id(prefix, 4, 2);
  putRunner(ctx, { id: westRunner, organizationId: ACME, name: "acme-us-west" });
  putEnvironmentClass(ctx, {
    id: westClass,
    runnerId: westRunner,
    displayName: "US West Standard",
    description: "4 vCPU, 16 GiB memory, 80 GiB disk (us-west)",
    enabled: true,
  });
  putEnvironmentClass(ctx, {
    id: mediumClass,
    runnerId: ACME_RUNNER,
    displayName: "Medium",
    description: "6 vCPU, 24 GiB memory, 100 GiB disk",
    enabled: true,
  });
  const plan = [
    { key: "ready", classId: STANDARD, snapshot: true },
    { key: "pending", classId: STANDARD, snapshot: true },
    { key: "awaiting-prebuild", classId: STANDARD, snapshot: false },
    { key: "rotating", classId: STANDARD, snapshot: true },
    { key: "runner-failing", classId: westClass, snapshot: true },
    { key: "class-disabled", classId: mediumClass, snapshot: true },
    { key: "prebuild-failed", classId: STANDARD, snapshot: false },
    { key: "deleting", classId: STANDARD, snapshot: true },
  ];
  const projects = new Map<string, string>();
  const firstPrebuilds = new Map<string, string>();
  plan.forEach((item, i) => {
    const projectId = id(prefix, 2, i + 1);
    projects.set(item.key, projectId);
    addProject(ctx, projectId, `acme/${item.key}`, [item.classId]);
    const prebuild = createPrebuild(ctx, {
      id: id(prefix, 5, i + 1),
      projectId,
      environmentClassId: item.classId,
      phase: item.snapshot ? "PREBUILD_PHASE_COMPLETED" : "PREBUILD_PHASE_RUNNING",
    });
    firstPrebuilds.set(item.key, prebuild.id);
  });
  const create = (key: string, size: { minSize: number; maxSize: number }) => {
    const item = plan.find((p) => p.key === key);
    return createWarmPool(ctx, alice, {
      projectId: projects.get(key) as string,
      environmentClassId: item?.classId as string,
      ...size,
    });
  };
  // Everything but the provisioning pool exists long enough to settle.
  const pools = new Map(
    plan
      .filter((p) => p.key !== "pending")
      .map((p, i) => [p.key, create(p.key, { minSize: 1 + (i % 2), maxSize: 4 })]),
  );
  advance(SETTLE_MS);
  setRunnerFailure(ctx, westRunner, "lost contact with its cluster");
  putEnvironmentClass(ctx, {
    ...(ctx.store.environmentClasses.get(mediumClass) as NonNullable<
      ReturnType<typeof ctx.store.environmentClasses.get>
    >),
    enabled: false,
  });
  setPrebuildPhase(
    ctx,
    firstPrebuilds.get("prebuild-failed") as string,
    "PREBUILD_PHASE_FAILED",
    "npm ci exited with 1",
  );
  createPrebuild(ctx, {
    id: id(prefix, 5, 100),
    projectId: projects.get("rotating") as string,
    environmentClassId: STANDARD,
    phase: "PREBUILD_PHASE_COMPLETED",
  });
  deleteWarmPool(ctx, alice, { warmPoolId: pools.get("deleting")?.id as string });
  create("pending", { minSize: 2, maxSize: 5 });
  return { world: ctx.store.snapshot(), now: clock.now() };
}

/** 80 READY pools in Acme (40 projects, two classes each): four pages at the default page size. */
export function generateManyPools(): WorldData {
  const prefix = "aa4e0000";
  const { ctx, alice, advance } = openWorld(baseWorld(), prefix);
  for (let i = 1; i <= 40; i++) {
    const projectId = id(prefix, 2, i);
    addProject(ctx, projectId, `acme/service-${String(i).padStart(2, "0")}`, [STANDARD, LARGE]);
    [STANDARD, LARGE].forEach((classId, c) => {
      createPrebuild(ctx, {
        id: id(prefix, 5, i * 2 + c),
        projectId,
        environmentClassId: classId,
        phase: "PREBUILD_PHASE_COMPLETED",
      });
      const minSize = (i + c) % 3;
      createWarmPool(ctx, alice, {
        projectId,
        environmentClassId: classId,
        minSize,
        maxSize: minSize + 1 + (i % 4),
      });
    });
  }
  advance(SETTLE_MS);
  return ctx.store.snapshot();
}

const everyPhase = generateEveryPhase();
const files: Record<string, unknown> = {
  "worlds/empty.json": generateEmpty(),
  "worlds/every-phase.json": everyPhase.world,
  "worlds/many-pools.json": generateManyPools(),
  "every-phase.json": {
    description:
      "One Acme pool per phase and cause: READY, PENDING provisioning, PENDING waiting for its first prebuild, PENDING mid-rotation, DEGRADED by a failing runner, by a disabled class and by a failed prebuild, and DELETING. A manual clock holds them still; advance it to watch them move on.",
    world: "worlds/every-phase.json",
    clock: { mode: "manual", now: new Date(everyPhase.now).toISOString() },
  },
};

let stale = false;
for (const [name, value] of Object.entries(files)) {
  const path = join(SCENARIOS_DIR, name);
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(path, "utf8");
    } catch {
      // A missing file is out of date too.
    }
    if (current !== text) {
      console.error(`${path} is out of date: run npm run scenarios`);
      stale = true;
    }
  } else {
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
}
if (stale) process.exit(1);
