import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/adapters/express/create-app.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { rawRequest } from "../support/raw-request.js";
import { CliExit, startCli } from "../support/start-cli.js";

const root = mkdtempSync(join(tmpdir(), "wpm-cli-security-"));
for (const dir of ["start", "extra", "elsewhere"]) mkdirSync(join(root, dir));
const world = loadDefaultWorld();
writeFileSync(join(root, "start", "world.json"), JSON.stringify(world));
world.warmPools = world.warmPools.slice(0, 2);
writeFileSync(join(root, "start", "two.json"), JSON.stringify(world));
world.warmPools = world.warmPools.slice(0, 1);
writeFileSync(join(root, "extra", "one.json"), JSON.stringify(world));
writeFileSync(join(root, "elsewhere", "one.json"), JSON.stringify(world));

const JSON_TYPE = { "Content-Type": "application/json" };

describe("the CLI's security options", () => {
  it("--world's folder and --world-dir bound world/load; ADMIN_ORIGINS and ALLOWED_HOSTS widen the checks", async () => {
    const cli = await startCli(
      ["--world", join(root, "start", "world.json"), "--world-dir", join(root, "extra")],
      { env: { ADMIN_ORIGINS: "http://localhost:5173", ALLOWED_HOSTS: "mock.internal" } },
    );
    try {
      const load = (path: string, headers: Record<string, string> = {}) =>
        rawRequest(`${cli.url}/_admin/world/load`, {
          method: "POST",
          headers: { ...JSON_TYPE, ...headers },
          body: JSON.stringify({ path }),
        });
      expect((await load("two.json")).json).toMatchObject({ warmPools: 2 });
      expect((await load("one.json")).json).toMatchObject({ warmPools: 1 });
      const outside = await load(join(root, "elsewhere", "one.json"));
      expect([outside.status, outside.json]).toEqual([
        403,
        expect.objectContaining({ code: "permission_denied" }),
      ]);

      const listed = await load("two.json", { Origin: "http://localhost:5173" });
      expect(listed.status).toBe(200);
      expect(listed.headers["access-control-allow-origin"]).toBe("http://localhost:5173");
      const other = await load("two.json", { Origin: "http://localhost:3000" });
      expect(other.status).toBe(403);

      const named = await rawRequest(`${cli.url}/healthz`, { headers: { Host: "mock.internal" } });
      const unnamed = await rawRequest(`${cli.url}/healthz`, { headers: { Host: "evil.example" } });
      expect([named.status, unnamed.status]).toEqual([200, 403]);
      expect(cli.output()).toContain('"adminOrigins":["http://localhost:5173"]');
    } finally {
      await cli.stop();
    }
  }, 30_000);
});

describe("wildcards for the control plane", () => {
  // Issue 21: '*://*' (or 'http://*') was accepted and opened /_admin to every origin.
  it.each(["*://*", "http://*", "http://localhost:*"])(
    "--admin-origins %s is refused at start with exit code 2",
    async (entry) => {
      const error = await startCli(["--admin-origins", entry]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CliExit);
      expect((error as CliExit).code).toBe(2);
      expect((error as CliExit).stderr).toContain("--admin-origins: expected");
    },
    30_000,
  );

  it("createApp refuses a pattern among adminOrigins too", () => {
    expect(() => createApp({ adminOrigins: ["http://localhost:5173", "*://*"] })).toThrow(
      "not the pattern *://*",
    );
  });
});
