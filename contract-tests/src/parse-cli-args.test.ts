import { describe, expect, it } from "vitest";
import { MOCK_DEFAULTS, resolveHarnessOptions } from "./harness-options.js";
import { parseCliArgs, UsageError } from "./parse-cli-args.js";

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const command = parseCliArgs(argv, env, false);
  if (command.kind !== "run") throw new Error(`expected a run, got ${command.kind}`);
  return command;
};

describe("parseCliArgs", () => {
  it("reads every option, splitting comma-separated and repeated case names", () => {
    const command = run([
      "--base-url=http://h:1",
      "--token=t",
      "--project-id=p",
      "--environment-class-id=c",
      "--second-environment-class-id=c2",
      "--foreign-token=f",
      "--disabled-project-id=dp",
      "--unconfigured-environment-class-id=uc",
      "--only=a.*,b.c",
      "--only=d.e",
      "--skip=b.c",
      "--timeout=500",
      "--wait-timeout=9000",
      "--junit=j.xml",
      "--json=r.json",
      "--openapi=o.yaml",
      "--strict",
    ]);
    expect(command).toEqual({
      kind: "run",
      color: false,
      junit: "j.xml",
      json: "r.json",
      input: {
        baseUrl: "http://h:1",
        credential: { token: "t" },
        foreignCredential: { token: "f" },
        projectId: "p",
        environmentClassId: "c",
        secondEnvironmentClassId: "c2",
        disabledProjectId: "dp",
        unconfiguredEnvironmentClassId: "uc",
        only: ["a.*", "b.c", "d.e"],
        skip: ["b.c"],
        timeoutMs: 500,
        waitTimeoutMs: 9000,
        openapiPath: "o.yaml",
        strict: true,
      },
    });
  });

  it("takes the base URL and tokens from the environment, remembering which variable holds a token", () => {
    const { input } = run([], {
      WARM_POOL_BASE_URL: "http://ci:9",
      WARM_POOL_TOKEN: "s",
      WARM_POOL_FOREIGN_TOKEN: "g",
    });
    expect(input.baseUrl).toBe("http://ci:9");
    expect(input.credential).toEqual({ token: "s", envVariable: "WARM_POOL_TOKEN" });
    expect(input.foreignCredential).toEqual({ token: "g", envVariable: "WARM_POOL_FOREIGN_TOKEN" });
    expect(run(["--token", "flag"], { WARM_POOL_TOKEN: "s" }).input.credential).toEqual({
      token: "flag",
    });
  });

  it("reads durations as milliseconds, or with a unit: 500ms, 5s, 1.5s", () => {
    const ms = (value: string) =>
      run(["--wait-timeout", value, "--timeout", value], {}).input.waitTimeoutMs;
    expect([ms("500"), ms("500ms"), ms("5s"), ms("1.5s"), ms("0.001s")]).toEqual([
      500, 500, 5000, 1500, 1,
    ]);
    expect(run(["--timeout=2s"], {}).input.timeoutMs).toBe(2000);
  });

  it("rejects unknown options, positionals and bad durations", () => {
    for (const argv of [
      ["--bogus"],
      ["extra"],
      ["--timeout", "0"],
      ["--timeout", "0s"],
      ["--wait-timeout", "1.5"],
      ["--wait-timeout", "5 s"],
      ["--wait-timeout", "5m"],
      ["--wait-timeout", "1.0001s"],
      ["--wait-timeout", "-5s"],
      ["--wait-timeout", "90000s"],
    ]) {
      expect(() => parseCliArgs(argv, {}, false), argv.join(" ")).toThrow(UsageError);
    }
  });

  it("colours only a terminal, and never with --no-color or NO_COLOR", () => {
    expect(parseCliArgs([], {}, true)).toMatchObject({ color: true });
    expect(parseCliArgs(["--no-color"], {}, true)).toMatchObject({ color: false });
    expect(parseCliArgs([], { NO_COLOR: "1" }, true)).toMatchObject({ color: false });
  });
});

describe("resolveHarnessOptions", () => {
  it("defaults everything to the mock's fixtures, capabilities included", () => {
    const options = resolveHarnessOptions({});
    expect(options.secondEnvironmentClassId).toBe(MOCK_DEFAULTS.secondEnvironmentClassId);
    expect(options.foreignCredential).toEqual({ token: MOCK_DEFAULTS.foreignToken });
    expect(options.disabledProjectId).toBe(MOCK_DEFAULTS.disabledProjectId);
    expect(options.unconfiguredEnvironmentClassId).toBe(
      MOCK_DEFAULTS.unconfiguredEnvironmentClassId,
    );
  });

  it("drops the mock's capability defaults once the project or token is the user's own", () => {
    const options = resolveHarnessOptions({ projectId: "p", credential: { token: "t" } });
    expect(options.secondEnvironmentClassId).toBeUndefined();
    expect(options.foreignCredential).toBeUndefined();
    expect(options.disabledProjectId).toBeUndefined();
    expect(options.unconfiguredEnvironmentClassId).toBeUndefined();
  });

  it("takes an empty value as a declaration that the capability is absent", () => {
    const options = resolveHarnessOptions({
      secondEnvironmentClassId: "",
      foreignCredential: { token: "" },
      disabledProjectId: "",
      unconfiguredEnvironmentClassId: "",
    });
    expect(options.secondEnvironmentClassId).toBeUndefined();
    expect(options.foreignCredential).toBeUndefined();
    expect(options.disabledProjectId).toBeUndefined();
    expect(options.unconfiguredEnvironmentClassId).toBeUndefined();
  });
});
