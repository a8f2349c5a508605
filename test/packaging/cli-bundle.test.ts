import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { create, fromBinary, toBinary } from "@bufbuild/protobuf";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCli } from "../../scripts/build-cli.js";
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
  // CLI a terminal, so the default (auto) format must choose it, with colours.
  it("logs pretty, coloured lines in a terminal", async () => {
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(bundle)} --port 0`;
    const child = spawn("script", ["-qefc", command, "/dev/null"], {
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
    });
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await expect
        .poll(() => out, { timeout: 15_000 })
        .toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      // Ctrl-C through the terminal reaches the CLI as SIGINT, which shuts it down.
      child.stdin.write("\u0003");
    }
    await exited;
    expect(out).toContain("\u001b[32mINFO\u001b[39m");
    expect(out).not.toMatch(/"level":/);
    expect(out).toMatch(/shutting down/);
  });
});
