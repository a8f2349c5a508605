import { defineConfig } from "vitest/config";

export default defineConfig({
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
