import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { compileAdminSchema } from "./admin/load-admin-contract.js";
import { listScenarioNames, loadScenario } from "./load-scenario.js";

describe("loadScenario", () => {
  it.each(listScenarioNames())(
    "reads the shipped scenario %s, world and fault rules checked",
    (name) => {
      const scenario = loadScenario(name);
      expect(scenario.name).toBe(name);
      expect(scenario.description.length).toBeGreaterThan(20);
      expect(scenario.world.version).toBe(1);
      expect(scenario.clock?.mode).toMatch(/^(real|manual)$/);
    },
  );

  it.each(["nope", "../default", "worlds/empty", "default.json", ""])(
    "finds no scenario named %j, whatever path it looks like",
    (name) => {
      expect(() => loadScenario(name)).toThrow(expect.objectContaining({ code: "not_found" }));
    },
  );

  it("reads every-phase's manual clock at the instant its world was made", () => {
    expect(loadScenario("every-phase").clock).toEqual({
      mode: "manual",
      now: Date.parse("2026-01-05T09:10:00Z"),
    });
  });

  it("keeps the generated worlds in step with scripts/generate-scenarios.ts", () => {
    expect(() =>
      execFileSync(
        process.execPath,
        ["--import", "tsx", "scripts/generate-scenarios.ts", "--check"],
        { stdio: "pipe" },
      ),
    ).not.toThrow();
  });
});

describe("the Scenario schema of a scenario file", () => {
  const validate = compileAdminSchema("Scenario", { closed: true });

  it("accepts a description alone, and every part it knows", () => {
    expect(validate({ description: "d" })).toBe(true);
    expect(
      validate({
        description: "d",
        world: "worlds/x.json",
        faults: [{ rpc: "*", latencyMs: { minMs: 1, maxMs: 2 }, probability: 0.5 }],
        clock: { mode: "manual", now: "2026-01-05T09:10:00Z" },
        maxPoolsPerOrganization: 3,
      }),
    ).toBe(true);
  });

  it.each([
    [{}, "no description"],
    [{ description: "d", extra: 1 }, "an unknown property"],
    [{ description: "d", world: "../default-world.json" }, "a world outside the folder"],
    [{ description: "d", world: "/etc/passwd.json" }, "an absolute world path"],
    [{ description: "d", faults: [{ rpc: "Nope", latencyMs: 1 }] }, "a fault on no RPC"],
    [{ description: "d", faults: [{ rpc: "*", error: { code: "oops" } }] }, "a made-up code"],
    [{ description: "d", clock: { mode: "sometimes" } }, "a made-up clock mode"],
    [
      { description: "d", clock: { mode: "manual", now: "yesterday" } },
      "a clock instant that is no date",
    ],
    [{ description: "d", maxPoolsPerOrganization: -1 }, "a negative cap"],
  ] as [unknown, string][])("refuses %j (%s)", (file) => {
    expect(validate(file)).toBe(false);
  });
});
