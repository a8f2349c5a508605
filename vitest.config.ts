import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "contract-tests/**/*.test.ts"],
    testTimeout: 20_000,
    globalSetup: ["test/support/unpack-browser.ts"],
  },
});
