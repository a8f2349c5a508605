// Each shipped scenario keeps its promises through the public API, however it is selected:
// --scenario (and SCENARIO), POST /_admin/scenario, startMock({ scenario }).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/adapters/express/create-app.js";
import { SCENARIOS_DIR } from "../../src/adapters/node/load-world-file.js";
import { createSeededRandom } from "../../src/core/create-seeded-random.js";
import { listScenarioNames, loadScenario } from "../../src/core/load-scenario.js";
import { startMock } from "../../src/index.js";
import { callAdmin } from "../support/admin-client.js";
import { callRpc } from "../support/call-rpc.js";
import { EXISTING_POOL } from "../support/fixtures.js";
import { listen } from "../support/listen.js";
import { SCENARIO_PROMISES, walkPools } from "../support/scenario-promises.js";
import { startCli } from "../support/start-cli.js";

const SEED = 7;
const NAMES = listScenarioNames();
// One server loads every scenario in turn, so each load must replace all of the last one.
const served = await listen({ random: createSeededRandom(SEED) });

async function postScenario(url: string, name: string) {
  const res = await fetch(`${url}/_admin/scenario`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ name }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("the shipped scenarios", () => {
  it("are exactly the six promised, each with a check of what it promises", () => {
    expect(NAMES).toEqual([
      "default",
      "empty",
      "every-phase",
      "flaky",
      "many-pools",
      "quota-reached",
    ]);
    expect(Object.keys(SCENARIO_PROMISES).sort()).toEqual(NAMES);
  });

  // A check that passed against any world would prove nothing.
  it.each(NAMES)("have a check for %s that fails against another scenario", async (name) => {
    const other = name === "default" ? "empty" : "default";
    expect((await postScenario(served, other)).status).toBe(200);
    await expect(SCENARIO_PROMISES[name]?.(served)).rejects.toThrow();
  });
});

describe("POST /_admin/scenario", () => {
  it.each(NAMES)("loads %s and answers what it loaded", async (name) => {
    const url = served;
    const { status, body } = await postScenario(url, name);
    expect(status).toBe(200);
    const scenario = loadScenario(name);
    expect(body).toMatchObject({
      name,
      description: scenario.description,
      world: { warmPools: scenario.world.warmPools.length },
      clock: { mode: scenario.clock?.mode },
    });
    expect((body.faults as unknown[]).length).toBe(scenario.faults.length);
    if (scenario.clock?.now !== undefined) {
      expect((body.clock as { nowMs: number }).nowMs).toBe(scenario.clock.now);
    }
    await SCENARIO_PROMISES[name]?.(url);
  });
});

describe("--scenario", () => {
  it.each(NAMES)("starts the CLI with %s", async (name) => {
    const cli = await startCli(["--scenario", name, "--seed", String(SEED)]);
    try {
      expect(cli.output()).toContain(`scenario ${name}`);
      await SCENARIO_PROMISES[name]?.(cli.url);
    } finally {
      await cli.stop();
    }
  });

  it("reads SCENARIO from the environment, and --clock wins over the scenario's mode", async () => {
    const cli = await startCli(["--clock", "real"], { env: { SCENARIO: "every-phase" } });
    try {
      const clock = (await (await fetch(`${cli.url}/_admin/clock`)).json()) as {
        mode: string;
        nowMs: number;
      };
      expect(clock.mode).toBe("real");
      expect(clock.nowMs).toBeGreaterThanOrEqual(Date.parse("2026-01-05T09:10:00Z"));
      expect((await walkPools(cli.url)).pools).toHaveLength(8);
    } finally {
      await cli.stop();
    }
  });

  it("returns to the start-up scenario on reset: its world, its faults and its clock", async () => {
    const cli = await startCli(["--scenario", "every-phase"]);
    try {
      const post = (path: string, body: unknown) =>
        fetch(`${cli.url}${path}`, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body),
        });
      await post("/_admin/clock/advance", { ms: 60_000 });
      await post("/_admin/scenario", { name: "flaky" });
      expect((await post("/_admin/reset", {})).status).toBe(200);
      const clock = (await (await fetch(`${cli.url}/_admin/clock`)).json()) as { now: string };
      expect(clock.now).toBe("2026-01-05T09:10:00.000Z");
      const faults = (await (await fetch(`${cli.url}/_admin/faults`)).json()) as {
        faults: unknown[];
      };
      expect(faults.faults).toEqual([]);
      await SCENARIO_PROMISES["every-phase"]?.(cli.url);
    } finally {
      await cli.stop();
    }
  });

  it("refuses --scenario with --world before listening", async () => {
    await expect(
      startCli(["--scenario", "empty", "--world", "fixtures/default-world.json"]),
    ).rejects.toMatchObject({
      code: 2,
      output: expect.stringContaining("cannot be used together"),
    });
  });
});

describe("startMock({ scenario })", () => {
  const mocks: { close(): Promise<void> }[] = [];
  afterAll(async () => {
    await Promise.all(mocks.map((m) => m.close()));
  });

  it.each(NAMES)("starts in-process with %s", async (name) => {
    const mock = await startMock({ scenario: name, seed: SEED });
    mocks.push(mock);
    await SCENARIO_PROMISES[name]?.(mock.url);
  });

  it("keeps the faults of a flaky start across reset, and refuses a world as well", async () => {
    const mock = await startMock({ scenario: "flaky" });
    mocks.push(mock);
    const reset = await fetch(`${mock.url}/_admin/reset`, { method: "POST" });
    expect(reset.status).toBe(200);
    const { faults } = (await (await fetch(`${mock.url}/_admin/faults`)).json()) as {
      faults: unknown[];
    };
    expect(faults).toHaveLength(loadScenario("flaky").faults.length);
    await expect(
      startMock({ scenario: "empty", world: "fixtures/default-world.json" }),
    ).rejects.toThrow(/scenario or a world/);
  });
});

describe("the scenario endpoints", () => {
  it("GET /_admin/scenarios lists every scenario with its description, as documented", async () => {
    const app = createApp();
    const res = await callAdmin(app, "listScenarios", "get", "/_admin/scenarios");
    expect(res.status).toBe(200);
    expect(res.body.scenarios).toEqual(
      NAMES.map((name) => ({
        name,
        ...JSON.parse(readFileSync(join(SCENARIOS_DIR, `${name}.json`), "utf8")),
      })),
    );
    expect(res.body.scenarios[0]).toMatchObject({
      name: "default",
      description: expect.any(String),
    });
  });

  it("answers a load in the documented shape, and reset returns to the start-up world", async () => {
    const app = createApp();
    const before = (await callAdmin(app, "getWorld", "get", "/_admin/world")).body;
    const res = await callAdmin(app, "loadScenario", "post", "/_admin/scenario", {
      name: "quota-reached",
    });
    expect(res.status).toBe(200);
    expect(res.body.maxPoolsPerOrganization).toBe(6);
    await callAdmin(app, "reset", "post", "/_admin/reset");
    const after = await callAdmin(app, "loadScenario", "post", "/_admin/scenario", {
      name: "default",
    });
    expect(after.body.maxPoolsPerOrganization).toBe(10_000);
    expect((await callAdmin(app, "getWorld", "get", "/_admin/world")).body).toEqual(before);
  });

  it.each([
    [{ name: "no-such-scenario" }, 404, "not_found", /known: default, empty, every-phase/],
    [{ name: "../default" }, 400, "invalid_argument", /pattern/],
    [{ name: "default", world: "x.json" }, 400, "invalid_argument", /additional/],
    [{}, 400, "invalid_argument", /name/],
    [undefined, 400, "invalid_argument", /needs a JSON body/],
  ])("refuses %j with %i %s and changes nothing", async (body, status, code, message) => {
    const mock = await startMock();
    const url = mock.url;
    await postScenario(url, "empty");
    const res = await fetch(`${url}/_admin/scenario`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status).toBe(status);
    const json = (await res.json()) as { code: string; message: string };
    expect(json.code).toBe(code);
    expect(json.message).toMatch(message);
    expect((await walkPools(url)).pools).toEqual([]);
    await mock.close();
  });

  it("leaves an injected clock alone: the answer shows the clock as it is", async () => {
    const mock = await startMock({ clock: { now: () => Date.parse("2026-01-05T09:10:00Z") } });
    const url = mock.url;
    const { status, body } = await postScenario(url, "every-phase");
    expect(status).toBe(200);
    expect(body.clock).toMatchObject({ mode: "real", now: "2026-01-05T09:10:00.000Z" });
    const pool = await callRpc(url, "GetWarmPool", { warmPoolId: EXISTING_POOL });
    expect(pool.code).toBe("not_found");
    await mock.close();
  });
});
