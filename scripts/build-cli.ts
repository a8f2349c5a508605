// Part of `npm run build`: bundles src/cli.ts and what it imports into dist/cli/, the CLI that
// ships (package.json `bin` and `start`, the Docker image's CMD). Node resolving, reading and
// compiling Express's and pino's dozens of small files was about a third of start-up; one file
// is read and compiled at once. The library entry (src/index.ts) stays as tsc's output.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { findPackageRoot } from "../src/package-root.js";

const ROOT = findPackageRoot();

/** Where `npm run build` puts the CLI bundle, relative to the package root. */
export const CLI_BUNDLE_DIR = "dist/cli";

/** The bundle's entry file, relative to the package root. */
export const CLI_BUNDLE = `${CLI_BUNDLE_DIR}/warm-pool-mock.js`;

/**
 * Builds the CLI bundle into `outdir` (absolute, or relative to the package root), emptied first.
 * It must lie inside the package: the bundle finds openapi/ and fixtures/ by walking up to
 * package.json, as the unbundled modules do.
 */
export async function buildCli(outdir: string = CLI_BUNDLE_DIR): Promise<void> {
  const out = join(ROOT, outdir);
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: { "warm-pool-mock": "src/cli.ts" },
    outdir: out,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // What the code imports on demand (the protobuf runtime, error details) becomes chunks
    // read on first use, so start-up does not compile them.
    splitting: true,
    // The CommonJS packages inside (Express, pino) require node's built-ins by name at run
    // time; an ES module has no `require` of its own, so each output file makes one. Without
    // it the CLI dies on its first line: Dynamic require of "node:os" is not supported.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Loaded only for a terminal (src/logging/create-logger.ts), from node_modules like any
    // dependency; JSON runs never touch it.
    external: ["pino-pretty"],
    logLevel: "warning",
  });
}

if (import.meta.filename === process.argv[1]) await buildCli();
