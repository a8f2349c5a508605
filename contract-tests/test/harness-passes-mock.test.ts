import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { HarnessSetupError } from "../src/harness-setup-error.js";
import { runHarness } from "../src/run-harness.js";
import { close, listen, type RunningServer, startMock } from "./support/start-mock.js";

const PROJECT = "b0e12f6c-4c67-429d-a4a6-d9838b5da047";
const SECOND_CLASS = "2b3c4d5e-6f70-4a81-9b2c-3d4e5f6a7b85";
const FIRST_CLASS = "d2c94c27-3b76-4a42-b88c-95a85e392c68";

let mock: RunningServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function createPoolDirectly(url: string, environmentClassId: string): Promise<string> {
  const response = await fetch(`${url}/gitpod.v1.PrebuildService/CreateWarmPool`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer wpm_acme_alice" },
    body: JSON.stringify({ projectId: PROJECT, environmentClassId }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { warmPool: { id: string } }).warmPool.id;
}

describe("the harness against the intact mock, in-process", () => {
  it("passes every case, skips none, and leaves the world's pools as it found them", async () => {
    mock = await startMock();
    const before = mock.store.snapshot().warmPools;
    const result = await runHarness({ baseUrl: mock.url, waitTimeoutMs: 5000 });

    const failures = result.cases.filter((c) => c.status !== "passed");
    expect(failures).toEqual([]);
    expect(result.summary.total).toBeGreaterThanOrEqual(40);
    expect(result.ok).toBe(true);
    expect(result.cleanup.failed).toEqual([]);
    expect(result.cleanup.deleted.length).toBeGreaterThan(10);
    expect(mock.store.snapshot().warmPools).toEqual(before);
  });

  it("skips, with the reason, the cases needing capabilities the target is declared to lack", async () => {
    mock = await startMock();
    const result = await runHarness({
      baseUrl: mock.url,
      secondEnvironmentClassId: "",
      foreignCredential: { token: "" },
      disabledProjectId: "",
      unconfiguredEnvironmentClassId: "",
      only: [
        "create.one-pool-per-pair",
        "isolation.*",
        "create.*-failed-precondition",
        "list.filter-environment-class",
      ],
    });
    const byName = Object.fromEntries(result.cases.map((c) => [c.name, c]));
    for (const [name, option] of [
      ["create.one-pool-per-pair", "--second-environment-class-id"],
      ["isolation.foreign-organization-cannot-see", "--foreign-token"],
      ["create.prebuilds-disabled-failed-precondition", "--disabled-project-id"],
      ["create.unconfigured-class-failed-precondition", "--unconfigured-environment-class-id"],
    ] as const) {
      expect(byName[name], name).toMatchObject({
        status: "skipped",
        skipReason: expect.stringContaining(option),
      });
    }
    expect(byName["list.filter-environment-class"]?.status).toBe("passed");
    expect(result.ok).toBe(true);
  });

  it("never touches a pool it did not create: an occupied second pair skips its cases", async () => {
    mock = await startMock();
    const theirs = await createPoolDirectly(mock.url, SECOND_CLASS);
    const result = await runHarness({
      baseUrl: mock.url,
      only: ["create.one-pool-per-pair", "list.pagination-page-size-one"],
    });
    expect(result.cases.map((c) => c.status)).toEqual(["skipped", "passed"]);
    expect(result.cases[0]?.skipReason).toContain(theirs);
    expect(mock.store.getPool(theirs)?.spec.desiredPhase).toBe("WARM_POOL_PHASE_READY");
  });

  it("refuses to run (setup error) when the primary pair already holds someone else's pool", async () => {
    mock = await startMock();
    const theirs = await createPoolDirectly(mock.url, FIRST_CLASS);
    await expect(runHarness({ baseUrl: mock.url })).rejects.toThrow(HarnessSetupError);
    await expect(runHarness({ baseUrl: mock.url })).rejects.toThrow(theirs);
    expect(mock.store.getPool(theirs)?.spec.desiredPhase).toBe("WARM_POOL_PHASE_READY");
  });

  it("stops at an interrupt, skipping the rest, and still removes the pools it created", async () => {
    mock = await startMock();
    const before = mock.store.snapshot().warmPools;
    const interrupt = new AbortController();
    const result = await runHarness(
      { baseUrl: mock.url, only: ["create.*"], waitTimeoutMs: 5000 },
      { onCaseEnd: () => interrupt.abort() },
      interrupt.signal,
    );
    expect(result.cases[0]?.status).toBe("passed");
    expect(result.cases.slice(1).map((c) => c.skipReason)).toEqual(
      result.cases.slice(1).map(() => "the run was interrupted"),
    );
    expect(result.cleanup.deleted).toHaveLength(1);
    expect(mock.store.snapshot().warmPools).toEqual(before);
  });

  it("reports bad options and an unreachable target as setup errors", async () => {
    await expect(runHarness({ baseUrl: "ftp://example" })).rejects.toThrow(/http/);
    await expect(runHarness({ projectId: "nope" })).rejects.toThrow(/--project-id must be a UUID/);
    await expect(runHarness({ disabledProjectId: PROJECT })).rejects.toThrow(
      /--disabled-project-id must differ/,
    );
    await expect(runHarness({ unconfiguredEnvironmentClassId: SECOND_CLASS })).rejects.toThrow(
      /--unconfigured-environment-class-id must be a class outside/,
    );
    await expect(runHarness({ only: ["no.such-case"] })).rejects.toThrow(/no case matches/);
    await expect(runHarness({ openapiPath: "/nonexistent/warm-pools.yaml" })).rejects.toThrow(
      /cannot load the contract/,
    );
    mock = await startMock();
    const url = mock.url;
    await mock.close();
    mock = undefined;
    await expect(runHarness({ baseUrl: url })).rejects.toThrow(/unreachable/);
    // A target that accepts connections but never answers runs into --timeout.
    const silent = createServer(() => {});
    const silentUrl = await listen(silent);
    try {
      await expect(runHarness({ baseUrl: silentUrl, timeoutMs: 200 })).rejects.toThrow(
        /no answer within 200 ms/,
      );
    } finally {
      await close(silent);
    }
  });
});
