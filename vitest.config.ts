import { defineConfig } from "vitest/config";

// Suites that also run against createApp()'s Express app, so both entry points (the listening
// server's request listener and the Express app) are held to the same answers.
const BOTH_ENTRY_POINTS = [
  "test/connect-wire.test.ts",
  "test/connect-sdk-wire.test.ts",
  "test/connect-unexpected-requests.test.ts",
  "test/connect-clients.test.ts",
  "test/cors.test.ts",
  "test/limits.test.ts",
  "test/validation-errors.test.ts",
  "test/request-log.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "mock",
          include: [
            "src/**/*.test.ts",
            "test/**/*.test.ts",
            "contract-tests/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        test: { name: "via-createApp", include: BOTH_ENTRY_POINTS, env: { MOCK_ENTRY: "express" } },
      },
    ],
  },
});
