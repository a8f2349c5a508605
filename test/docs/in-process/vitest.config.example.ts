// docs/in-process.md, "Vitest browser mode": the configuration, type-checked here (this
// repository's own is vitest.config.ts, which also points Playwright at the packaged Chromium).
import { playwright } from "@vitest/browser-playwright";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    browser: {
      enabled: true,
      headless: true,
      provider: playwright(),
      instances: [{ browser: "chromium" }],
    },
  },
});
