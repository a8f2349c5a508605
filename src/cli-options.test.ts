import { describe, expect, it } from "vitest";
import { CLI_OPTIONS, CliUsageError, formatHelp, parseCliOptions } from "./cli-options.js";

const parse = (argv: string[], env: Record<string, string> = {}) => {
  const command = parseCliOptions(argv, env);
  if (command.help) throw new Error("unexpected help");
  return command.options;
};

describe("parseCliOptions", () => {
  it("gives every default when nothing is set", () => {
    expect(parse([])).toEqual({
      host: "127.0.0.1",
      port: 4010,
      world: undefined,
      scenario: undefined,
      lowMemory: false,
      strictAuth: false,
      readyDelayMs: 1500,
      deleteDelayMs: 1500,
      startDelayMs: 500,
      prebuildDelayMs: 3000,
      clock: undefined,
      timeScale: 1,
      seed: undefined,
      corsOrigins: ["loopback"],
      adminOrigins: [],
      allowedHosts: [],
      worldDir: undefined,
      noAdmin: false,
      adminToken: undefined,
      journalSize: 200,
      stateFile: undefined,
      maxBodyBytes: 1024 * 1024,
      maxHeaderBytes: 16 * 1024,
      maxPools: 10_000,
      rateLimit: 0,
      rateLimitBurst: undefined,
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      logLevel: "info",
      logFormat: "auto",
      shutdownGraceMs: 10_000,
    });
  });

  it("reads every option from its environment variable", () => {
    const options = parse([], {
      HOST: "0.0.0.0",
      PORT: "4600",
      WORLD_FILE: "w.json",
      STRICT_AUTH: "true",
      READY_DELAY_MS: "10",
      DELETE_DELAY_MS: "20",
      LOG_LEVEL: "debug",
      LOG_FORMAT: "json",
      SHUTDOWN_GRACE_MS: "100",
    });
    expect(options).toMatchObject({
      host: "0.0.0.0",
      port: 4600,
      world: "w.json",
      strictAuth: true,
      readyDelayMs: 10,
      deleteDelayMs: 20,
      logLevel: "debug",
      logFormat: "json",
      shutdownGraceMs: 100,
    });
  });

  it("lets a flag win over its variable, in both --flag value and --flag=value forms", () => {
    const options = parse(["--port", "4601", "--log-level=warn"], {
      PORT: "4602",
      LOG_LEVEL: "error",
    });
    expect(options.port).toBe(4601);
    expect(options.logLevel).toBe("warn");
  });

  it("reads a scenario, a seed and a clock mode that stays unset unless given", () => {
    expect(parse(["--scenario", "every-phase", "--seed", "42"])).toMatchObject({
      scenario: "every-phase",
      seed: 42,
      clock: undefined,
    });
    expect(parse([], { SCENARIO: "flaky", CLOCK: "manual" })).toMatchObject({
      scenario: "flaky",
      clock: "manual",
    });
  });

  it("treats an empty variable as unset", () => {
    expect(parse([], { PORT: "" }).port).toBe(4010);
  });

  it("reads switches from flags and from yes/no variables", () => {
    expect(parse(["--strict-auth"]).strictAuth).toBe(true);
    expect(parse([], { STRICT_AUTH: "0" }).strictAuth).toBe(false);
    expect(parse([], { STRICT_AUTH: "YES" }).strictAuth).toBe(true);
  });

  it("reads the security options from flags and variables", () => {
    const options = parse(["--admin-origins", "http://localhost:5173, HTTP://127.0.0.1:80/"], {
      ALLOWED_HOSTS: "Mock.Internal,.example.com",
      WORLD_DIR: "worlds",
    });
    expect(options.adminOrigins).toEqual(["http://localhost:5173", "http://127.0.0.1"]);
    expect(options.allowedHosts).toEqual(["mock.internal", ".example.com"]);
    expect(options.worldDir).toBe("worlds");
    expect(parse(["--allowed-hosts", "*"]).allowedHosts).toEqual(["*"]);
  });

  it("asks for help with -h or --help", () => {
    expect(parseCliOptions(["-h"], {})).toEqual({ help: true });
    expect(parseCliOptions(["--help", "--port", "x"], {})).toEqual({ help: true });
  });

  it.each([
    [["--port", "70000"], {}, '--port: expected an integer from 0 to 65535, got "70000"'],
    [["--port", "-1"], {}, "--port"],
    [[], { PORT: "80a" }, 'PORT: expected an integer from 0 to 65535, got "80a"'],
    [["--ready-delay-ms", "1.5"], {}, "--ready-delay-ms: expected an integer"],
    [
      ["--log-level", "loud"],
      {},
      '--log-level: expected one of fatal, error, warn, info, debug, trace, silent, got "loud"',
    ],
    [[], { LOG_FORMAT: "xml" }, "LOG_FORMAT: expected one of auto, json, pretty"],
    [[], { STRICT_AUTH: "maybe" }, "STRICT_AUTH: expected 1/0, true/false"],
    [["--host", " "], {}, "--host: expected a non-empty value"],
    [["--admin-origins", "*"], {}, "--admin-origins: expected explicit origins"],
    [["--admin-origins", "*://*"], {}, "--admin-origins: expected explicit origins"],
    [["--admin-origins", "http://localhost:5173,http://*"], {}, "not the pattern http://*"],
    [[], { ADMIN_ORIGINS: "http://127.0.0.1:*" }, "ADMIN_ORIGINS: expected explicit origins"],
    [["--admin-origins", "localhost:5173"], {}, "expected an http or https origin"],
    [[], { ADMIN_ORIGINS: "null" }, "ADMIN_ORIGINS: expected real origins"],
    [["--allowed-hosts", "http://mock:4010"], {}, "--allowed-hosts: expected host names"],
    [[], { ALLOWED_HOSTS: " , " }, "ALLOWED_HOSTS: expected at least one host name"],
    [["--bogus"], {}, "Unknown option '--bogus'"],
    [["serve"], {}, "Unexpected argument 'serve'"],
    [["--port"], {}, "--port"],
    [["--scenario", "nope"], {}, "--scenario: expected one of default, empty, every-phase"],
    [[], { SCENARIO: "../default" }, "SCENARIO: expected one of default"],
    [
      ["--scenario", "empty", "--world", "w.json"],
      {},
      "--scenario (SCENARIO) and --world (WORLD_FILE) cannot be used together",
    ],
    [[], { SCENARIO: "flaky", WORLD_FILE: "w.json" }, "cannot be used together"],
    [["--seed", "1.5"], {}, "--seed: expected an integer"],
  ])("rejects %j %j with a message naming the culprit", (argv, env, message) => {
    expect(() => parseCliOptions(argv, env as Record<string, string>)).toThrow(CliUsageError);
    expect(() => parseCliOptions(argv, env as Record<string, string>)).toThrow(message);
  });
});

describe("formatHelp", () => {
  it("lists every option with its flag, variable and default", () => {
    const help = formatHelp();
    for (const spec of Object.values(CLI_OPTIONS)) {
      expect(help).toContain(`--${spec.flag}`);
      expect(help).toContain(`env ${spec.env}, default `);
    }
    expect(help).toContain("env PORT, default 4010");
    expect(help).toContain("env WORLD_FILE, default built-in fixtures/");
  });

  it("gives every option a distinct flag and variable", () => {
    const specs = Object.values(CLI_OPTIONS);
    expect(new Set(specs.map((s) => s.flag)).size).toBe(specs.length);
    expect(new Set(specs.map((s) => s.env)).size).toBe(specs.length);
  });
});
