// docs/in-process.md, "Playwright": run as it is printed there (imports mapped: src/, and a
// stand-in for @playwright/test).
import { routeMock } from "../../../src/playwright.js";
import { expect, test } from "./playwright-test.js";

test("lists a pool of every phase, then shows the API down", async ({ page }) => {
  const mock = await routeMock(page, {
    baseUrl: "https://api.example.com",
    scenario: "every-phase",
  });
  await page.goto("/warm-pools");
  await expect(page.getByText("WARM_POOL_PHASE_DEGRADED")).toHaveCount(3);

  mock.addFault({ rpc: "ListWarmPools", error: { code: "unavailable" } });
  await page.reload();
  await expect(page.getByText("unavailable")).toHaveCount(1);
});
