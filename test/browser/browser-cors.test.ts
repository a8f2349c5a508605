import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALICE, STANDARD, WEB_APP, XLARGE } from "../support/fixtures.js";
import { launchBrowser } from "../support/launch-browser.js";
import { listen } from "../support/listen.js";
import { serveBundledPage } from "../support/serve-bundled-page.js";
import type { ScenarioResult } from "./connect-web-scenario.js";

const mock = await listen();
const strictMock = await listen({ corsOrigins: ["http://allowed.example"] });
const page = await serveBundledPage(new URL("./connect-web-scenario.ts", import.meta.url), "wpm");
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function runInBrowser(baseUrl: string, useBinaryFormat: boolean, environmentClassId: string) {
  const tab = await browser.newPage();
  try {
    await tab.goto(page);
    await tab.waitForFunction(() => "runScenario" in globalThis);
    return (await tab.evaluate(
      (options) =>
        (globalThis as unknown as { runScenario: (o: unknown) => Promise<unknown> }).runScenario(
          options,
        ),
      { baseUrl, useBinaryFormat, token: ALICE, projectId: WEB_APP, environmentClassId },
    )) as ScenarioResult;
  } finally {
    await tab.close();
  }
}

describe("a browser page on another origin, with connect-web", () => {
  it("creates and lists through CORS in JSON", async () => {
    const result = await runInBrowser(mock, false, STANDARD);
    expect(result.error).toBeUndefined();
    expect(result.listedIds).toContain(result.createdId);
    expect(result.duplicateCode).toBe("AlreadyExists");
    expect(result.stainlessPage).toEqual({ status: 200, pools: 1, hasNextToken: true });
  });

  it("creates and lists through CORS in binary", async () => {
    const result = await runInBrowser(mock, true, XLARGE);
    expect(result.error).toBeUndefined();
    expect(result.listedIds).toContain(result.createdId);
    expect(result.duplicateCode).toBe("AlreadyExists");
  });

  it("is refused by a mock that does not allow the page's origin", async () => {
    const result = await runInBrowser(strictMock, false, STANDARD);
    expect(result.createdId).toBeUndefined();
    expect(result.error).toMatch(/fetch/i);
  });
});
