import { afterEach, describe, expect, it } from "vitest";
import { ALL_CASES } from "../src/cases/all-cases.js";
import { runHarness } from "../src/run-harness.js";
import {
  BROKEN_VARIANTS,
  DELETED_POOL_COMES_BACK,
  DELETIONS_NEVER_FINISH,
  FIELD_ADDED,
} from "./support/broken-variants.js";
import { type BrokenVariant, startBrokenMock } from "./support/start-broken-mock.js";
import type { RunningServer } from "./support/start-mock.js";

// Failures the harness reports about itself rather than about the target.
const NOT_A_CONTRACT_FINDING = ["the case runs to its end", "the target answers every request"];

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Starts the broken mock of the variant with this name; `server` holds it. */
async function startVariant(name: string): Promise<{ variant: BrokenVariant; url: string }> {
  const variant = BROKEN_VARIANTS.find((v) => v.name === name);
  if (!variant) throw new Error(`no variant named ${name}`);
  server = await startBrokenMock(variant);
  return { variant, url: server.url };
}

describe("the harness fails deliberately broken mocks on the case naming the broken rule", () => {
  it("has at least ten variants, each pointing at a real case", () => {
    expect(BROKEN_VARIANTS.length).toBeGreaterThanOrEqual(10);
    const names = new Set(ALL_CASES.map((c) => c.name));
    for (const variant of BROKEN_VARIANTS) expect(names, variant.name).toContain(variant.failsCase);
  });

  it.each(BROKEN_VARIANTS.map((v) => [v.name, v] as const))("%s", async (_name, variant) => {
    server = await startBrokenMock(variant);
    const result = await runHarness({
      baseUrl: server.url,
      only: [variant.failsCase],
      waitTimeoutMs: 400,
      ...variant.harnessInput,
    });
    const named = result.cases.find((c) => c.name === variant.failsCase);
    expect(named?.status, JSON.stringify(named)).toBe("failed");
    expect(NOT_A_CONTRACT_FINDING).not.toContain(named?.failure?.check);
    // The case's own check, then what else the same answer breaks: the rule must be in there.
    const failure = named?.failure;
    const told = [failure, ...(failure?.alsoBroken ?? [])].map(
      (f) => `${f?.check} | ${f?.expected} | ${f?.actual}`,
    );
    expect(told.join(" || ")).toMatch(variant.because ?? /^$/);
    expect(named?.failure?.curl).toMatch(/^(printf .* \| gzip \| )?curl /);
    expect(result.ok).toBe(false);
  });

  // In a full run a local defect fails its named case and nothing else: the names are precise.
  it.each([
    "specVersion not incremented",
    "min > max accepted on create",
    "any content type read as JSON",
    "a malformed Connect-Timeout-Ms ignored",
  ])("fails only the named case in a full run: %s", async (name) => {
    const { variant, url } = await startVariant(name);
    const result = await runHarness({ baseUrl: url, waitTimeoutMs: 2000 });
    const failed = result.cases.filter((c) => c.status === "failed").map((c) => c.name);
    expect(failed).toEqual([variant.failsCase]);
  });

  // The named case fails, and the pool the target made anyway is gone afterwards.
  it.each([
    "a pool created on a project with prebuilds disabled",
    "a pool created for a class outside the prebuild configuration",
    "a Connect GET of CreateWarmPool served",
  ])("removes the pool a target creates where it must refuse: %s", async (name) => {
    const { variant, url } = await startVariant(name);
    const store = (server as RunningServer).store;
    const before = store.snapshot().warmPools;
    const result = await runHarness({
      baseUrl: url,
      only: [variant.failsCase],
      waitTimeoutMs: 2000,
    });
    expect(result.cases[0]?.status).toBe("failed");
    expect(result.cleanup).toEqual({ deleted: [expect.any(String)], failed: [] });
    expect(store.snapshot().warmPools).toEqual(before);
  });

  it("passes each of those cases against the mock without the proxy's defect", async () => {
    server = await startBrokenMock({ name: "intact", failsCase: "" });
    const result = await runHarness({
      baseUrl: server.url,
      only: [...new Set(BROKEN_VARIANTS.map((v) => v.failsCase))],
    });
    expect(result.cases.filter((c) => c.status !== "passed")).toEqual([]);
  });

  it("reports pools it could not remove when the target ignores deletion", async () => {
    const { url } = await startVariant("DeleteWarmPool accepted but ignored");
    const result = await runHarness({
      baseUrl: url,
      only: ["create.echoes-request"],
      waitTimeoutMs: 300,
    });
    expect(result.cases[0]?.status).toBe("passed");
    expect(result.cleanup.failed).toHaveLength(1);
    expect(result.ok).toBe(false);
  });
});

describe("a target whose deletions go wrong fails the run fast, and the harness cleans up what it can", () => {
  // Long enough that a wait is most of the run (a full run against a sound target takes
  // about two seconds), short enough for a test.
  const WAIT_MS = 5000;

  it.each([
    [
      DELETIONS_NEVER_FINISH,
      /still present \d+ ms after DeleteWarmPool \(--wait-timeout 5000\); last phase seen: WARM_POOL_PHASE_DELETING/,
    ],
    [
      DELETED_POOL_COMES_BACK,
      /read WARM_POOL_PHASE_READY after it was seen WARM_POOL_PHASE_DELETING/,
    ],
  ])(
    "%s: one failure naming the pool, the pair given up, every later user of it skipped",
    async (name, finding) => {
      const { url } = await startVariant(name);
      const result = await runHarness({ baseUrl: url, waitTimeoutMs: WAIT_MS });

      const failed = result.cases.filter((c) => c.status === "failed");
      expect(failed.map((c) => c.failure?.actual)).toEqual([expect.stringMatching(finding)]);
      const poolId = /pool ([0-9a-f-]{36})/.exec(failed[0]?.failure?.actual ?? "")?.[1];
      expect(failed[0]?.failure?.actual).toMatch(/deleted in case [\w.-]+/);
      const givenUp = result.cases.filter((c) => c.skipReason?.includes("is unusable"));
      expect(givenUp.length).toBeGreaterThan(10);
      for (const c of givenUp) expect(c.skipReason).toContain(poolId);
      // Cases that need no pool still ran after the pair was given up.
      const after = result.cases.slice(result.cases.indexOf(failed[0] as (typeof failed)[number]));
      expect(after.some((c) => c.status === "passed")).toBe(true);
      expect(result.cleanup.failed.map((f) => f.id)).toContain(poolId);
      expect(result.ok).toBe(false);
      // One wait for the pool that never went, none again for the pair: well under three.
      expect(result.durationMs).toBeLessThan(3 * WAIT_MS);
    },
    60_000,
  );
});

describe("an unknown response field is a warning, a failure only with --strict", () => {
  it("passes the case with the field named in its warnings, and fails it under --strict", async () => {
    const { variant, url } = await startVariant(FIELD_ADDED);
    const lenient = await runHarness({ baseUrl: url, only: [variant.failsCase] });
    expect(lenient.cases[0]?.status).toBe("passed");
    expect(lenient.cases[0]?.warnings).toContainEqual(
      expect.stringContaining('/warmPool/metadata has unexpected property "someFutureField"'),
    );
    expect(lenient.summary.warnings).toBeGreaterThan(0);
    expect(lenient.ok).toBe(true);

    const strict = await runHarness({ baseUrl: url, only: [variant.failsCase], strict: true });
    expect(strict.cases[0]?.status).toBe("failed");
    expect(strict.ok).toBe(false);
  });

  it("keeps a missing required field, a wrong type and an unknown enum name failures without --strict", async () => {
    for (const name of [
      "a required field dropped (metadata.runnerId)",
      "a field of the wrong type (spec.minSize as a string)",
      "an unknown phase value",
    ]) {
      const { variant, url } = await startVariant(name);
      const result = await runHarness({ baseUrl: url, only: [variant.failsCase], strict: false });
      expect(result.cases[0]?.status, name).toBe("failed");
      await server?.close();
      server = undefined;
    }
  });
});
