import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

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
    globalSetup: ["test/support/unpack-browser.ts"],
    // Unit tests reach below the entries, which provide ajv in production: so does this.
    setupFiles: ["src/adapters/node/provide-ajv.ts"],
    include: [
      "src/**/*.test.ts",
      "test/**/*.test.ts",
      "contract-tests/**/*.test.ts",
      "scripts/**/*.test.ts",
    ],
  },
});
