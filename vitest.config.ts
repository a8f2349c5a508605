import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { playwright } from "@vitest/browser-playwright";
import type { Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { findChromium } from "./scripts/support/launch-browser.js";

// A Vitest browser-mode test registers MSW's worker script from the page's origin; an app
// copies it with `npx msw init public/`, here it is served from the package as it ships.
function serveMswWorker(): Plugin {
  const script = createRequire(import.meta.url).resolve("msw/mockServiceWorker.js");
  return {
    name: "serve-msw-worker",
    configureServer(server) {
      server.middlewares.use("/mockServiceWorker.js", (_req, res) => {
        res.setHeader("Content-Type", "text/javascript");
        res.end(readFileSync(script));
      });
    },
  };
}

const executablePath = await findChromium();

export default defineConfig({
  // The package's own name, as the harness's explore loads its reference model (see
  // tsconfig.json paths): the source here, dist/ through package.json exports once built.
  resolve: {
    alias: [
      {
        find: /^warm-pool-mock$/,
        replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)),
      },
    ],
  },
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "node",
          globalSetup: ["test/support/unpack-browser.ts"],
          // Unit tests reach below the entries, which provide ajv in production: so does this.
          setupFiles: ["src/adapters/node/provide-ajv.ts"],
          include: [
            "src/**/*.test.ts",
            "test/**/*.test.ts",
            "contract-tests/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          exclude: ["**/node_modules/**", "**/*.browser.test.ts"],
        },
      },
      {
        // Vitest's browser mode in the packaged headless Chromium: what a frontend team's
        // browser tests run in.
        extends: true,
        plugins: [serveMswWorker()],
        test: {
          name: "browser",
          include: ["test/**/*.browser.test.ts"],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({
              launchOptions: { executablePath, args: ["--no-sandbox"] },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
