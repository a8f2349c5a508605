import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, expect, it } from "vitest";
import { findPackageRoot } from "../../src/package-root.js";

const root = findPackageRoot();
const out = mkdtempSync(join(tmpdir(), "wpm-gen-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

const buf = (...args: string[]) =>
  execFileSync(join(root, "node_modules", ".bin", "buf"), args, { cwd: root, stdio: "pipe" });

it("proto/ passes buf lint and buf format", () => {
  expect(() => buf("lint")).not.toThrow();
  expect(() => buf("format", "--diff", "--exit-code")).not.toThrow();
});

it("src/gen is what `npm run generate:proto` makes from proto/ today", () => {
  // buf prefixes every plugin's `out` with --output, so the fresh copy lands in <out>/src/gen.
  buf("generate", "--output", out);
  const committed = join(root, "src", "gen");
  const fresh = join(out, "src", "gen");
  expect(listFiles(fresh)).toEqual(listFiles(committed));
  for (const file of listFiles(fresh)) {
    const hint = `src/gen/${file} is stale: run npm run generate:proto`;
    expect(readFileSync(join(committed, file), "utf8"), hint).toBe(
      readFileSync(join(fresh, file), "utf8"),
    );
  }
});
