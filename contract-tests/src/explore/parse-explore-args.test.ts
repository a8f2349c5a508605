import { describe, expect, it } from "vitest";
import { UsageError } from "../parse-cli-args.js";
import { formatDuration } from "./explore-options.js";
import { EXPLORE_HELP, parseExploreArgs } from "./parse-explore-args.js";

const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => {
  const command = parseExploreArgs(argv, env, false);
  if (command.kind !== "run") throw new Error(`expected a run, got ${command.kind}`);
  return command;
};

describe("parseExploreArgs", () => {
  it("reads explore's own options beside the target, timing and report options", () => {
    const command = run([
      "--seed",
      "42",
      "--runs=1000",
      "--max-steps",
      "8",
      "--budget=2m",
      "--no-wait",
      "--base-url",
      "http://h:1",
      "--wait-timeout",
      "5000",
      "--json",
      "r.json",
      "--strict",
    ]);
    expect(command).toEqual({
      kind: "run",
      color: false,
      json: "r.json",
      input: {
        baseUrl: "http://h:1",
        waitTimeoutMs: 5000,
        strict: true,
        seed: 42,
        runs: 1000,
        maxSteps: 8,
        budgetMs: 120_000,
        waits: false,
      },
    });
  });

  it("takes the token from the environment as the named cases do", () => {
    expect(run([], { WARM_POOL_TOKEN: "s3cret" }).input.credential).toEqual({
      token: "s3cret",
      envVariable: "WARM_POOL_TOKEN",
    });
  });

  it("answers --help with explore's own help, which names every explore option", () => {
    expect(parseExploreArgs(["--help"], {}, false)).toEqual({ kind: "help" });
    for (const option of ["--budget", "--seed", "--runs", "--max-steps", "--no-wait"])
      expect(EXPLORE_HELP).toContain(option);
  });

  it.each([
    [["--budget", "60 s"], /--budget must be a duration from 1 ms to 24 h/],
    [["--budget", "0s"], /--budget must be a duration/],
    [["--budget", "2d"], /--budget must be a duration/],
    [["--seed", "-1"], /--seed must be a whole number/],
    [["--runs", "0"], /--runs must be a whole number from 1/],
    [["--max-steps", "x"], /--max-steps must be a whole number/],
    [["--seed"], /argument missing/],
    [["--no-wait=yes"], /--no-wait takes no value/],
    [["--only", "list.*"], /--only and --skip select named cases/],
    [["--list"], /--list lists the named cases/],
    [["--what"], /Unknown option '--what'/],
  ])("refuses %j", (argv, message) => {
    expect(() => parseExploreArgs(argv, {}, false)).toThrow(UsageError);
    expect(() => parseExploreArgs(argv, {}, false)).toThrow(message);
  });
});

describe("--budget durations", () => {
  it.each([
    ["60s", 60_000],
    ["500ms", 500],
    ["2m", 120_000],
    ["1.5s", 1500],
    ["750", 750],
  ])("reads %s as %i ms, and writes it back", (text, ms) => {
    expect(run(["--budget", text]).input.budgetMs).toBe(ms);
    expect(run(["--budget", formatDuration(ms)]).input.budgetMs).toBe(ms);
  });
});
