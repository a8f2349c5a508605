import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { stripVTControlCharacters } from "node:util";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "../../scripts/build-cli.js";
import { findForeignImports } from "../../scripts/dockerfile/find-foreign-imports.js";
import { formatHelp } from "../../src/cli-options.js";
import {
  GetWarmPoolRequestSchema,
  GetWarmPoolResponseSchema,
} from "../../src/gen/gitpod/v1/prebuild_pb.js";
import { findPackageRoot } from "../../src/package-root.js";
import { EXISTING_POOL } from "../support/fixtures.js";
import { startCli } from "../support/start-cli.js";

// The CLI as it ships (package.json bin, the Docker image): built the way `npm run build` does,
// into a folder of its own inside the package so a developer's dist/cli is left alone.
const root = findPackageRoot();
let outdir = "";
let bundle = "";
beforeAll(async () => {
  mkdirSync(join(root, "dist"), { recursive: true });
  outdir = mkdtempSync(join(root, "dist", "test-cli-"));
  await buildCli(relative(root, outdir));
  bundle = join(outdir, "warm-pool-mock.js");
}, 60_000);
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const auth = { Authorization: "Bearer wpm_acme_alice" };
const rpc = (url: string, method: string) => `${url}/gitpod.v1.PrebuildService/${method}`;

describe("the CLI bundle", () => {
  // The image installs `dependencies` only (npm ci --omit=dev): what the bundle leaves to
  // node_modules must be among them. `npm run docker:check` checks the same in the replayed image.
  it("loads at run time only Node built-ins and production dependencies", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    expect(findForeignImports(root, relative(root, outdir), Object.keys(pkg.dependencies))).toEqual(
      [],
    );
    // And the check sees a package that is not one.
    expect(findForeignImports(root, relative(root, outdir), ["pino"])).not.toEqual([]);
  });

  it("prints the same --help as the sources and exits 0", () => {
    const run = spawnSync(process.execPath, [bundle, "--help"], { encoding: "utf8" });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(formatHelp());
  });

  it("exits 2 with a clear message on an unknown option", () => {
    const run = spawnSync(process.execPath, [bundle, "--bogus"], { encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Unknown option '--bogus'/);
  });

  // Each request below reaches code the bundle loads on first use: ajv, the protobuf chunk,
  // the violations detail, yaml from node_modules for the admin contract.
  it("serves JSON, binary, errors with details and the admin API, then stops on SIGTERM", async () => {
    const cli = await startCli([], { entry: bundle });
    try {
      const started = await cli.waitForLine((l) => /listening on/.test(String(l.msg)));
      expect(started.level).toBe(30);
      const json = await fetch(rpc(cli.url, "GetWarmPool"), {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ warmPoolId: EXISTING_POOL }),
      });
      expect(json.status).toBe(200);
      expect(((await json.json()) as { warmPool: { id: string } }).warmPool.id).toBe(EXISTING_POOL);

      const binary = await fetch(rpc(cli.url, "GetWarmPool"), {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/proto" },
        body: toBinary(
          GetWarmPoolRequestSchema,
          create(GetWarmPoolRequestSchema, { warmPoolId: EXISTING_POOL }),
        ),
      });
      expect(binary.headers.get("content-type")).toBe("application/proto");
      const message = fromBinary(
        GetWarmPoolResponseSchema,
        new Uint8Array(await binary.arrayBuffer()),
      );
      expect(message.warmPool?.id).toBe(EXISTING_POOL);

      const invalid = await fetch(rpc(cli.url, "GetWarmPool"), {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify({ warmPoolId: "not-a-uuid" }),
      });
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({
        code: "invalid_argument",
        details: [{ type: "buf.validate.Violations" }],
      });

      const world = await fetch(`${cli.url}/_admin/world`);
      expect(world.status).toBe(200);
    } finally {
      cli.child.kill("SIGTERM");
    }
    expect(await cli.exited).toBe(0);
    expect(cli.stderr()).toBe("");
  });

  // pino-pretty stays in node_modules and is loaded by name from the bundle; `script` gives the
  // CLI a terminal, so the default (auto) format must greet with the banner, in colour, and
  // log pretty lines after it.
  it("greets a terminal with a banner, then logs pretty, coloured lines", async () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bundle)} --port 0`;
    // A developer's colour terminal: Node reads `CI` (set on CI machines) as "no colours".
    const { CI: _ci, NO_COLOR: _noColor, ...env } = process.env;
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...env, TERM: "xterm-256color" },
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    let banner = "";
    let url = "";
    try {
      await expect
        .poll(() => stripVTControlCharacters(out), { timeout: 15_000 })
        .toMatch(/Ctrl-C stops the server\./);
      banner = stripVTControlCharacters(out).replaceAll("\r", "");
      url = /API {8}(http:\/\/127\.0\.0\.1:\d+) /.exec(banner)?.[1] as string;
      expect(banner).toMatch(/^ {2}warm-pool-mock ready in \d+ ms$/m);
      expect(banner).toContain(`  Dashboard  ${url}/_dashboard/\n`);
      expect(banner).toContain(`  Admin      ${url}/_admin  openapi/admin.yaml\n`);
      expect(banner).toContain("  Clock      real time\n");
      expect(banner).toMatch(
        /Tokens {5}wpm_acme_alice +Acme Corp\n {13}wpm_globex_bob +Globex Inc\n/,
      );

      // The command to try works as printed.
      const curl = /^ {2}curl -s (\S+) -H '(.+?): (.+?)' -H '(.+?): (.+?)' -d '(.*)'$/m.exec(
        banner,
      );
      expect(curl).not.toBeNull();
      const [, target = "", h1 = "", v1 = "", h2 = "", v2 = "", body] = curl ?? [];
      const res = await fetch(target, { method: "POST", headers: { [h1]: v1, [h2]: v2 }, body });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { warmPools: unknown[] }).warmPools.length).toBeGreaterThan(0);
    } finally {
      // Ctrl-C through the terminal reaches the CLI as SIGINT, which shuts it down.
      child.stdin.write("\u0003");
    }
    await exited;
    // Colours in the banner and in pino-pretty's lines; no JSON and no dump of the world.
    expect(out).toContain(`\u001b[36m${url}\u001b[39m`);
    expect(out).toContain("\u001b[32mINFO\u001b[39m");
    expect(out).not.toMatch(/"level":/);
    expect(banner).not.toMatch(/projects:|warmPools:|b0e12f6c-4c67-429d-a4a6-d9838b5da047/);
    expect(out).toMatch(/shutting down/);
  });
});
