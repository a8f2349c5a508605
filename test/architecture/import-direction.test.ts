// The house reads top to bottom: each layer imports only layers below it (or itself).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * Layers of src/, top first. The contract (what openapi/ says: descriptors, formats,
 * validators) sits below the domain and the store, which both read it; the error class and
 * code set sit below everything, so any layer may throw.
 */
const LAYERS: readonly (readonly string[])[] = [
  [
    "src/cli.ts",
    "src/cli-options.ts",
    "src/format-banner.ts",
    "src/index.ts",
    "src/load-compactly.ts",
  ],
  ["src/server"],
  ["src/logging"],
  ["src/rpc"],
  ["src/protocol"],
  ["src/domain"],
  ["src/store"],
  ["src/contract", "src/generated", "src/gen"],
  ["src/errors"],
  ["src/package-root.ts"],
];

function layerOf(file: string): number {
  const path = relative(ROOT, file);
  return LAYERS.findIndex((names) =>
    names.some((name) => path === name || path.startsWith(`${name}/`)),
  );
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ts$/.test(e.name) && !e.name.endsWith(".test.ts"))
    .map((e) => join(e.parentPath, e.name));
}

function readText(file: string): string {
  return readFileSync(file, "utf8");
}

/** Every relative module a file imports (static, dynamic or re-exported), resolved. */
function importsOf(file: string, read: (file: string) => string = readText): string[] {
  const text = read(file);
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map(
    (m) => m[1] as string,
  );
  return specifiers.map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

/** Imports that point up the layers, as `from -> to`. */
function findUpwardImports(
  files: readonly string[],
  read: (file: string) => string = readText,
): string[] {
  const found: string[] = [];
  for (const file of files) {
    const own = layerOf(file);
    for (const target of importsOf(file, read)) {
      const theirs = layerOf(target);
      if (own === -1 || theirs === -1 || theirs < own) {
        found.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
      }
    }
  }
  return found;
}

/** Imports from `files` that reach into `forbidden` (a folder). */
function findImportsInto(files: readonly string[], forbidden: string): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(`${join(ROOT, forbidden)}/`))
      .map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`),
  );
}

describe("import direction", () => {
  it("no module of src/ imports a layer above its own, and every module has a layer", () => {
    expect(findUpwardImports(listTs(join(ROOT, "src")))).toEqual([]);
  });

  it("catches an upward import, and a module outside every layer", () => {
    const domainFile = join(ROOT, "src/domain/get-warm-pool.ts");
    const stray = join(ROOT, "src/elsewhere/thing.ts");
    const texts: Record<string, string> = {
      [domainFile]: 'import { x } from "../rpc/cors.js";\nimport { y } from "../store/world.js";',
      [stray]: 'import { z } from "../errors/connect-error.js";',
    };
    expect(findUpwardImports([domainFile, stray], (file) => texts[file] ?? "")).toEqual([
      "src/domain/get-warm-pool.ts -> src/rpc/cors.ts",
      "src/elsewhere/thing.ts -> src/errors/connect-error.ts",
    ]);
  });

  it("the contract harness imports nothing from src/", () => {
    expect(findImportsInto(listTs(join(ROOT, "contract-tests/src")), "src")).toEqual([]);
  });

  it("the harness loads the mock by the package's name, in explore's reference-model.ts alone", () => {
    // Type-only imports name the package's public types; a value import starts the mock.
    const loaders = listTs(join(ROOT, "contract-tests/src")).filter((file) =>
      /(?<!import type[^;]*)\bfrom\s*["']warm-pool-mock["']|import\(\s*["']warm-pool-mock["']\s*\)/.test(
        readText(file),
      ),
    );
    expect(loaders.map((file) => relative(ROOT, file))).toEqual([
      "contract-tests/src/explore/reference-model.ts",
    ]);
  });

  it("scripts import nothing from test/", () => {
    expect(findImportsInto(listTs(join(ROOT, "scripts")), "test")).toEqual([]);
  });
});
