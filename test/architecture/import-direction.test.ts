// The house reads top to bottom: each part imports only the parts it is allowed to (or itself),
// and the core and everything below it run on any platform.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * The parts of src/ and what each may import besides itself, top first:
 *
 *   cli.ts                                 alone at the top: argv, env, listen, exit
 *   adapters (+ the entries and Node-only helpers)   node:http, Express, fetch; files, zlib, pino
 *   core                                   one entry: sorted once, guarded once; admin core, change feed
 *   rpc                                    the RPC pipeline
 *   protocol   |   domain -> store         the wire is a sibling of the rules and the world
 *   contract (+ generated, gen)            what openapi/ says
 *   errors                                 the error class and code set, importable by all
 */
const PARTS: Readonly<Record<string, { members: readonly string[]; may: readonly string[] }>> = {
  cli: {
    members: ["src/cli.ts"],
    may: ["adapters", "core", "rpc", "protocol", "domain", "store", "contract", "errors"],
  },
  adapters: {
    members: [
      "src/adapters",
      "src/index.ts",
      "src/fetch.ts",
      "src/msw.ts",
      "src/playwright.ts",
      "src/cli-options.ts",
      "src/format-banner.ts",
      "src/load-compactly.ts",
      "src/logging",
      "src/package-root.ts",
    ],
    may: ["core", "rpc", "protocol", "domain", "store", "contract", "errors"],
  },
  core: {
    members: ["src/core"],
    may: ["rpc", "protocol", "domain", "store", "contract", "errors"],
  },
  rpc: { members: ["src/rpc"], may: ["protocol", "domain", "store", "contract", "errors"] },
  protocol: { members: ["src/protocol"], may: ["contract", "errors"] },
  domain: { members: ["src/domain"], may: ["store", "contract", "errors"] },
  store: { members: ["src/store"], may: ["contract", "errors"] },
  contract: { members: ["src/contract", "src/generated", "src/gen"], may: ["errors"] },
  errors: { members: ["src/errors"], may: [] },
};

/** The parts that must run on any platform: no Node built-in, no Node global. */
const PLATFORM_NEUTRAL = ["core", "rpc", "protocol", "domain", "store", "contract", "errors"];

function partOf(file: string): string | undefined {
  const path = relative(ROOT, file);
  return Object.entries(PARTS).find(([, { members }]) =>
    members.some((name) => path === name || path.startsWith(`${name}/`)),
  )?.[0];
}

function listTs(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith(".test.ts"))
    .map((e) => join(e.parentPath, e.name));
}

function readText(file: string): string {
  return readFileSync(file, "utf8");
}

const SPECIFIER = /(?:from|import)\s*\(?\s*["']([^"']+)["']/g;

/** Every module a file imports (static, dynamic, type-only or re-exported), as written. */
function specifiersOf(file: string, read: (file: string) => string = readText): string[] {
  return [...read(file).matchAll(SPECIFIER)].map((m) => m[1] as string);
}

/** Every relative module a file imports, resolved. */
function importsOf(file: string, read: (file: string) => string = readText): string[] {
  return specifiersOf(file, read)
    .filter((s) => s.startsWith("."))
    .map((s) => resolve(dirname(file), s.replace(/\.js$/, ".ts")));
}

/** Imports that break the graph (or come from or go to a module outside every part), as `from -> to`. */
function findForbiddenImports(
  files: readonly string[],
  read: (file: string) => string = readText,
): string[] {
  const found: string[] = [];
  for (const file of files) {
    const own = partOf(file);
    for (const target of importsOf(file, read)) {
      const theirs = partOf(target);
      const allowed =
        own !== undefined &&
        theirs !== undefined &&
        (own === theirs || (PARTS[own]?.may.includes(theirs) ?? false));
      if (!allowed) found.push(`${relative(ROOT, file)} -> ${relative(ROOT, target)}`);
    }
  }
  return found;
}

// Comments and string contents may name anything; code may not.
function stripCommentsAndStrings(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1")
    .replace(/`(?:\\[\s\S]|[^`\\])*`|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, '""');
}

const NODE_GLOBALS = /\b(?:Buffer|process|NodeJS|require|__dirname|__filename|setImmediate)\b/g;

/** Uses of Node on a platform-neutral file: a `node:` (or bare built-in) import, a Node global. */
function findNodeUses(
  files: readonly string[],
  read: (file: string) => string = readText,
): string[] {
  const found: string[] = [];
  for (const file of files) {
    if (!PLATFORM_NEUTRAL.includes(partOf(file) ?? "")) continue;
    const name = relative(ROOT, file);
    const text = read(file);
    for (const specifier of specifiersOf(file, read)) {
      if (specifier.startsWith("node:") || NODE_BUILTINS.has(specifier.split("/")[0] as string)) {
        found.push(`${name} imports ${specifier}`);
      }
    }
    for (const m of stripCommentsAndStrings(text).matchAll(NODE_GLOBALS)) {
      found.push(`${name} uses ${m[0]}`);
    }
  }
  return [...new Set(found)];
}

const NODE_BUILTINS = new Set([
  "fs",
  "path",
  "http",
  "https",
  "net",
  "zlib",
  "crypto",
  "os",
  "stream",
  "url",
  "util",
  "module",
  "child_process",
  "timers",
  "buffer",
  "events",
  "v8",
  "vm",
]);

/** Every module reachable from `entry` through relative imports. */
function reachableFrom(entry: string): string[] {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...importsOf(file));
  }
  return [...seen];
}

/** Imports from `files` that reach into `forbidden` (a folder). */
function findImportsInto(files: readonly string[], forbidden: string): string[] {
  return files.flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(`${join(ROOT, forbidden)}/`))
      .map((target) => `${relative(ROOT, file)} -> ${relative(ROOT, target)}`),
  );
}

const srcFiles = listTs(join(ROOT, "src"));

describe("import direction", () => {
  it("no module of src/ imports a part it may not, and every module has a part", () => {
    expect(findForbiddenImports(srcFiles)).toEqual([]);
  });

  it("cli.ts is alone at the top: nothing imports it", () => {
    expect(
      srcFiles.flatMap((file) =>
        importsOf(file)
          .filter((target) => relative(ROOT, target) === "src/cli.ts")
          .map(() => relative(ROOT, file)),
      ),
    ).toEqual([]);
  });

  it("catches an upward import, a sibling import, and a module outside every part", () => {
    const domainFile = join(ROOT, "src/domain/get-warm-pool.ts");
    const protocolFile = join(ROOT, "src/protocol/encode-message.ts");
    const coreFile = join(ROOT, "src/core/create-mock-core.ts");
    const stray = join(ROOT, "src/elsewhere/thing.ts");
    const texts: Record<string, string> = {
      [domainFile]: 'import { x } from "../rpc/cors.js";\nimport { y } from "../store/world.js";',
      [protocolFile]: 'import type { WorldStore } from "../store/world-store.js";',
      [coreFile]: 'import { createApp } from "../adapters/express/create-app.js";',
      [stray]: 'import { z } from "../errors/connect-error.js";',
    };
    const read = (file: string) => texts[file] ?? "";
    expect(findForbiddenImports([domainFile, protocolFile, coreFile, stray], read)).toEqual([
      "src/domain/get-warm-pool.ts -> src/rpc/cors.ts",
      "src/protocol/encode-message.ts -> src/store/world-store.ts",
      "src/core/create-mock-core.ts -> src/adapters/express/create-app.ts",
      "src/elsewhere/thing.ts -> src/errors/connect-error.ts",
    ]);
  });

  it("the core and everything below it use no Node built-in and no Node global", () => {
    expect(findNodeUses(srcFiles)).toEqual([]);
  });

  it("catches a planted Node import, Buffer, process and a Node type in the core", () => {
    const coreFile = join(ROOT, "src/core/create-mock-core.ts");
    const storeFile = join(ROOT, "src/store/world.ts");
    const adapterFile = join(ROOT, "src/adapters/node/read-body.ts");
    const texts: Record<string, string> = {
      [coreFile]: [
        'import { gzipSync } from "node:zlib";',
        'import type { IncomingMessage } from "http";',
        "// Buffer in a comment, and 'process' in a string, are fine.",
        'const text = "Buffer.from";',
        "const bytes = Buffer.from(text);",
      ].join("\n"),
      [storeFile]: "let timer: NodeJS.Timeout;\nif (process.env.X) timer = setTimeout(() => {});",
      [adapterFile]: 'import { readFileSync } from "node:fs";\nBuffer.from("");',
    };
    const read = (file: string) => texts[file] ?? "";
    expect(findNodeUses([coreFile, storeFile, adapterFile], read)).toEqual([
      "src/core/create-mock-core.ts imports node:zlib",
      "src/core/create-mock-core.ts imports http",
      "src/core/create-mock-core.ts uses Buffer",
      "src/store/world.ts uses NodeJS",
      "src/store/world.ts uses process",
    ]);
  });

  // The entries a browser (or a service worker, or any fetch platform) loads: the fetch
  // adapter, MSW's handlers and Playwright's routes (which run in Node, but need none of it).
  it.each([
    { entry: "src/fetch.ts", adapter: "src/adapters/fetch/", packages: [] },
    { entry: "src/msw.ts", adapter: "src/adapters/msw/", packages: ["msw"] },
    { entry: "src/playwright.ts", adapter: "src/adapters/playwright/", packages: [] },
  ])(
    "the platform-neutral entry $entry reaches no Node-only module",
    ({ entry, adapter, packages }) => {
      const reached = reachableFrom(join(ROOT, entry)).map((f) => relative(ROOT, f));
      expect(reached).toContain("src/core/create-mock-core.ts");
      expect(reached.some((f) => f.startsWith(adapter))).toBe(true);
      const nodeOnly = reached.filter(
        (f) =>
          !PLATFORM_NEUTRAL.includes(partOf(join(ROOT, f)) ?? "") &&
          ![entry, "src/adapters/package-exports.ts"].includes(f) &&
          !f.startsWith("src/adapters/fetch/") &&
          !f.startsWith(adapter),
      );
      expect(nodeOnly).toEqual([]);
      const allowed = ["ajv", "@bufbuild/protobuf", "pure-rand", ...packages];
      const imported = reached.flatMap((f) =>
        specifiersOf(join(ROOT, f)).filter((s) => !s.startsWith(".")),
      );
      expect(
        imported.filter((s) => !allowed.some((p) => s === p || s.startsWith(`${p}/`))),
      ).toEqual([]);
    },
  );

  it("the dashboard imports nothing from src/ but the types generated from openapi/", () => {
    const outside = listTs(join(ROOT, "dashboard/src")).flatMap((file) =>
      importsOf(file)
        .filter((target) => !target.startsWith(`${join(ROOT, "dashboard")}/`))
        .map((target) => relative(ROOT, target)),
    );
    expect(outside.length).toBeGreaterThan(0);
    expect([...new Set(outside)].sort()).toEqual([
      "src/generated/admin-types.ts",
      "src/generated/api-types.ts",
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
