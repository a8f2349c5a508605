import type { Browser, BrowserContextOptions, Locator, Page } from "playwright-core";

/** A dashboard page opened in its own context, and every console error it logged. */
export interface OpenDashboard {
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/**
 * Opens `<base>/_dashboard/` in a new browser context (clipboard allowed, so "Copy" works) and
 * waits until it is live; console errors and page errors are collected for the test to check.
 */
export async function openDashboard(
  browser: Browser,
  base: string,
  options: BrowserContextOptions = {},
): Promise<OpenDashboard> {
  const context = await browser.newContext({
    acceptDownloads: true,
    permissions: ["clipboard-read", "clipboard-write"],
    ...options,
  });
  const page = await context.newPage();
  // Shorter than a test's own timeout, so a wait that fails says what it waited for.
  page.setDefaultTimeout(8_000);
  const errors: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/_dashboard/`);
  await page.getByRole("status").filter({ hasText: "Live" }).waitFor();
  return { page, errors, close: () => context.close() };
}

/** The row of a warm pool in the pool table (drawn only while it is in the table's window). */
export function poolRow(page: Page, id: string): Locator {
  return page.locator(`tr[data-pool-id="${id}"]`);
}

/** Waits until the locator's text matches (the page updates on its own; nothing reloads). */
export async function waitForText(locator: Locator, text: RegExp | string): Promise<void> {
  await locator.filter({ hasText: text }).first().waitFor();
}

/** Finds a pool in the table by typing part of its ID, as a person would. */
export async function findPool(page: Page, id: string): Promise<Locator> {
  await page.getByLabel("Find pools by part of an ID or project name").fill(id.slice(-12));
  const row = poolRow(page, id);
  await row.waitFor();
  return row;
}

/**
 * What scrolls sideways on the dashboard: the document and every panel or table window wider
 * inside than it shows, as "class: scrollWidth > clientWidth" (none, on a page that fits).
 */
export function overflowingBoxes(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`
    [document.documentElement, ...document.querySelectorAll(".window, .panel")]
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => el.className + ": " + el.scrollWidth + " > " + el.clientWidth)
  `);
}
