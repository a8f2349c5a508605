import { defineConfig } from "vitest/config";

// Suites that also run against createApp()'s Express app, so both entry points (the listening
// server's request listener and the Express app) are held to the same answers.
const BOTH_ENTRY_POINTS = [
  "test/protocol/connect-wire.test.ts",
  "test/protocol/connect-sdk-wire.test.ts",
  "test/protocol/connect-unexpected-requests.test.ts",
  "test/protocol/connect-clients.test.ts",
  "test/protocol/cors.test.ts",
  "test/hardening/limits.test.ts",
  "test/rpc/validation-errors.test.ts",
  "test/cli/request-log.test.ts",
  "test/security/path-spelling.test.ts",
  "test/security/host-header.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    globalSetup: ["test/support/unpack-browser.ts"],
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
