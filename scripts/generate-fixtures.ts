// Writes fixtures/filler.json: seeded faker data around the hand-written fixtures, so the
// default world looks lived-in and is identical on every start. `--check` fails on drift.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { faker } from "@faker-js/faker";
import { FIXTURES_DIR } from "../src/adapters/node/load-world-file.js";
import type { Prebuild, Project, WarmPool, WorldData } from "../src/store/world.js";

const ACME = "0c7d7f3e-1f0a-4c57-9a55-2f5c8b3e4a01";
const ACME_RUNNER = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c01";
const STANDARD = "d2c94c27-3b76-4a42-b88c-95a85e392c68";
const LARGE = "3f9a6b1e-8c2d-4e7f-9a1b-5c6d7e8f9a02";
const BASE_TIME = Date.UTC(2026, 0, 2);

/** Generates the filler deterministically from a fixed seed. */
export function generateFiller(
  seed = 20260101,
): Pick<WorldData, "projects" | "prebuilds" | "warmPools"> {
  faker.seed(seed);
  faker.setDefaultRefDate(new Date(BASE_TIME));
  const projects: Project[] = [];
  const prebuilds: Prebuild[] = [];
  const warmPools: WarmPool[] = [];
  for (let i = 0; i < 8; i++) {
    const project: Project = {
      id: faker.string.uuid(),
      organizationId: ACME,
      name: `acme/${faker.word.adjective()}-${faker.word.noun()}`.toLowerCase(),
      prebuildConfiguration: {
        enabled: true,
        environmentClassIds: i % 2 === 0 ? [STANDARD, LARGE] : [STANDARD],
        timeoutSeconds: faker.helpers.arrayElement([1800, 3600, 5400]),
      },
    };
    projects.push(project);
    const createdAt = BASE_TIME + faker.number.int({ min: 0, max: 86_400_000 });
    const prebuild: Prebuild = {
      id: faker.string.uuid(),
      projectId: project.id,
      environmentClassId: STANDARD,
      phase: "PREBUILD_PHASE_COMPLETED",
      createdAt,
      completedAt: createdAt + faker.number.int({ min: 120_000, max: 1_800_000 }),
    };
    prebuilds.push(prebuild);
    if (i < 5) {
      const minSize = faker.number.int({ min: 0, max: 3 });
      const maxSize = minSize + faker.number.int({ min: 1, max: 4 });
      const desired = Math.max(minSize, 1);
      const poolCreated = (prebuild.completedAt ?? createdAt) + 60_000;
      warmPools.push({
        id: faker.string.uuid(),
        seq: 100 + i,
        organizationId: ACME,
        projectId: project.id,
        environmentClassId: STANDARD,
        runnerId: ACME_RUNNER,
        createdAt: poolCreated,
        updatedAt: poolCreated + 90_000,
        spec: {
          version: 1,
          desiredSize: 0,
          snapshotId: prebuild.id,
          desiredPhase: "WARM_POOL_PHASE_READY",
          minSize,
          maxSize,
        },
        status: {
          phase: "WARM_POOL_PHASE_READY",
          failureMessage: "",
          version: 2,
          runningInstances: desired,
          stoppedInstances: 0,
          desiredSize: desired,
        },
      });
    }
  }
  return { projects, prebuilds, warmPools };
}

const path = join(FIXTURES_DIR, "filler.json");
const text = `${JSON.stringify(generateFiller(), null, 2)}\n`;
if (process.argv.includes("--check")) {
  if (readFileSync(path, "utf8") !== text) {
    console.error(`${path} is out of date: run npm run fixtures`);
    process.exit(1);
  }
} else {
  writeFileSync(path, text);
  console.log(`wrote ${path}`);
}
