import { afterEach, describe, expect, it } from "vitest";
import { ALL_CASES } from "../src/cases/all-cases.js";
import { runHarness } from "../src/run-harness.js";
import { BROKEN_VARIANTS } from "./support/broken-variants.js";
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
    });
    const named = result.cases.find((c) => c.name === variant.failsCase);
    expect(named?.status, JSON.stringify(named)).toBe("failed");
    expect(NOT_A_CONTRACT_FINDING).not.toContain(named?.failure?.check);
    const { check, expected, actual } = named?.failure ?? {};
    expect(`${check} | ${expected} | ${actual}`).toMatch(variant.because ?? /^$/);
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
