// npm blocks dependency install scripts unless package.json's allowScripts decides, and ends
// every install with a warning while any is undecided. Every package with an install script
// has a decision here; each is denied, so each must work without its script. That is proven
// on a fresh install with the same denial (what `npm ci` on a clean clone does in CI), not
// on this checkout's node_modules, which may have been installed another way.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPackageRoot } from "../../src/package-root.js";

const root = findPackageRoot();
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as {
  allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string; hasInstallScript?: boolean }>;
};
const withScripts = Object.entries(lock.packages)
  .filter(([path, entry]) => path !== "" && entry.hasInstallScript)
  .map(([path, entry]) => ({
    name: path.replace(/^.*node_modules\//, ""),
    version: entry.version,
  }));

describe("allowScripts", () => {
  it("decides for every package of the lockfile that has an install script", () => {
    expect(withScripts.map((p) => p.name).sort()).toEqual(
      expect.arrayContaining(["@bufbuild/buf", "esbuild", "msw"]),
    );
    const undecided = withScripts.filter((p) => typeof pkg.allowScripts[p.name] !== "boolean");
    expect(undecided).toEqual([]);
  });

  it("denies them all: each works without its script (below)", () => {
    expect(withScripts.filter((p) => pkg.allowScripts[p.name] !== false)).toEqual([]);
  });
});

// esbuild and buf as a clean install with their scripts denied has them: from npm's cache
// when it holds them (it does after any install of this project), else from the registry.
describe("esbuild and buf installed with their scripts denied", () => {
  const dir = mkdtempSync(join(tmpdir(), "wpm-denied-scripts-"));
  const bin = (name: string) => join(dir, "node_modules", ".bin", name);
  const versions = Object.fromEntries(
    withScripts
      .filter((p) => p.name === "esbuild" || p.name === "@bufbuild/buf")
      .map((p) => [p.name, p.version as string]),
  );
  let install: ReturnType<typeof spawnSync>;

  beforeAll(() => {
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        name: "denied-scripts",
        private: true,
        dependencies: versions,
        allowScripts: { esbuild: false, "@bufbuild/buf": false },
      }),
    );
    install = spawnSync(
      "npm",
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"],
      { cwd: dir, encoding: "utf8", env: { ...process.env, npm_config_loglevel: "warn" } },
    );
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("installs without running either script, and without a warning", () => {
    expect(install.status, String(install.stderr)).toBe(0);
    expect(String(install.stderr)).not.toMatch(/install scripts/);
    // esbuild's script swaps its JavaScript launcher for the native binary: still the launcher.
    expect(readFileSync(join(dir, "node_modules/esbuild/bin/esbuild"), "utf8")).toMatch(
      /^#!\/usr\/bin\/env node/,
    );
  });

  it("esbuild builds, from its JavaScript API and its command line", async () => {
    const run = spawnSync(
      process.execPath,
      [
        "-e",
        "const r = require('esbuild').buildSync({ stdin: { contents: 'export const a: number = 1' , loader: 'ts' }, write: false, format: 'esm' }); process.stdout.write(r.outputFiles[0].text)",
      ],
      { cwd: dir, encoding: "utf8" },
    );
    expect(run.stdout).toBe("const a = 1;\nexport {\n  a\n};\n");
    const version = spawnSync(bin("esbuild"), ["--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe(versions.esbuild);
  });

  it("buf runs", () => {
    const version = spawnSync(bin("buf"), ["--version"], { encoding: "utf8" });
    expect(version.stdout.trim()).toBe(versions["@bufbuild/buf"]);
  });
});

// msw's postinstall only copies its worker script into the folders a project lists under
// `msw.workerDirectory` in its package.json (this one lists none). The script ships in the
// package, and its own CLI copies it on demand: what the browser tests serve
// (test/in-process/msw-browser.test.ts) is that file, so no install step is needed.
describe("msw with its script denied", () => {
  it("has no worker directory for the script to fill", () => {
    expect((pkg as { msw?: unknown }).msw).toBe(undefined);
  });

  it("copies its worker script with `msw init`, the same file the package ships", () => {
    const dir = mkdtempSync(join(tmpdir(), "wpm-msw-init-"));
    try {
      const init = spawnSync(
        process.execPath,
        [join(root, "node_modules/msw/cli/index.js"), "init", dir, "--no-save"],
        { cwd: root, encoding: "utf8" },
      );
      expect(init.status, init.stderr).toBe(0);
      const copied = readFileSync(join(dir, "mockServiceWorker.js"), "utf8");
      expect(copied).toBe(
        readFileSync(join(root, "node_modules/msw/lib/mockServiceWorker.js"), "utf8"),
      );
      expect(copied).toMatch(/PACKAGE_VERSION/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
