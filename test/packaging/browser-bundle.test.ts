// The MSW entry as a browser app bundles it: esbuild's browser platform, no Node polyfill, and
// within the size budget docs/decisions/2026-12-05-browser-bundle-budget.md records (the
// number is read from there, so the record and the test cannot disagree).
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { type BuildOptions, build } from "esbuild";
import { describe, expect, it } from "vitest";
import { findPackageRoot } from "../../src/package-root.js";

const ROOT = findPackageRoot();
const RECORD = "docs/decisions/2026-12-05-browser-bundle-budget.md";
const budget = Number(
  /\*\*Budget: ([\d,]+) bytes gzipped\*\*/
    .exec(readFileSync(`${ROOT}/${RECORD}`, "utf8"))?.[1]
    ?.replaceAll(",", ""),
);

// What an app's bundler does with the entry: browser conditions, minified, tree-shaken.
const BROWSER: BuildOptions = {
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  write: false,
  metafile: true,
  absWorkingDir: ROOT,
  logLevel: "silent",
};

async function measure(options: BuildOptions) {
  const result = await build({ ...BROWSER, ...options });
  const bytes = result.outputFiles?.[0]?.contents ?? new Uint8Array();
  const inputs = Object.keys(result.metafile?.inputs ?? {});
  return { raw: bytes.length, gzipped: gzipSync(bytes).length, inputs };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

describe("warm-pool-mock/msw in a browser bundle", () => {
  it("builds for the browser with no Node module and no polyfill, within its budget", async () => {
    // msw is the app's own (a peer dependency): what this package adds is the entry without it.
    const own = await measure({ entryPoints: ["src/msw.ts"], external: ["msw"] });
    const withMsw = await measure({ entryPoints: ["src/msw.ts"] });
    const app = await measure({
      stdin: {
        contents: [
          'import { setupWorker } from "msw/browser";',
          'import { createMswMock } from "./src/msw.ts";',
          'setupWorker(...createMswMock({ baseUrl: "/api" }).handlers).start();',
        ].join("\n"),
        resolveDir: ROOT,
        loader: "ts",
      },
    });
    console.log(
      [
        `warm-pool-mock/msw (msw external): ${own.raw} bytes (${kb(own.raw)}), ${own.gzipped} gzipped (${kb(own.gzipped)}); budget ${budget}`,
        `with msw's http handlers:          ${withMsw.raw} bytes (${kb(withMsw.raw)}), ${withMsw.gzipped} gzipped (${kb(withMsw.gzipped)})`,
        `an app with setupWorker started:   ${app.raw} bytes (${kb(app.raw)}), ${app.gzipped} gzipped (${kb(app.gzipped)})`,
      ].join("\n"),
    );
    for (const { inputs } of [own, withMsw, app]) {
      expect(
        inputs.filter(
          (i) =>
            i.startsWith("node:") ||
            /(^|\/)node_modules\/(buffer|process|util|stream-browserify|browserify-zlib|path-browserify|events)\//.test(
              i,
            ),
        ),
      ).toEqual([]);
    }
    expect(own.inputs).toContain("src/core/create-mock-core.ts");
    expect(budget).toBeGreaterThan(0);
    expect(own.gzipped).toBeLessThanOrEqual(budget);
  });

  it("fails the build when something reaches for a Node module, so the check above can fail", async () => {
    await expect(
      measure({
        stdin: {
          contents: 'import "node:zlib"; import "./src/msw.ts";',
          resolveDir: ROOT,
          loader: "ts",
        },
      }),
    ).rejects.toThrow(/node:zlib/);
  });
});
