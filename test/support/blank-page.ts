import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser, Page } from "playwright-core";
import { afterAll } from "vitest";
import { ALICE } from "./fixtures.js";

/**
 * Serves an empty HTML page on 127.0.0.1 (any path) until the test file ends, and returns its
 * port: a page of another origin than the mock's, from which a test runs a page's script.
 */
export async function serveBlankPage(): Promise<number> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>page</title>");
  }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  return (server.address() as AddressInfo).port;
}

/** Opens a tab at `url`; the caller closes it. */
export async function openPage(browser: Browser, url: string): Promise<Page> {
  const tab = await browser.newPage();
  await tab.goto(url);
  return tab;
}

/**
 * Opens the page at `pageUrl` and has its own script call GetWarmPool on the mock at `base`
 * for Alice (a CORS request with a bearer token, so preflighted) and read the answer: the
 * status and the pool's ID. The tab is closed again.
 */
export async function getPoolFromPage(
  browser: Browser,
  pageUrl: string,
  call: { base: string; id: string },
): Promise<{ status: number; id: string | undefined }> {
  const tab = await openPage(browser, pageUrl);
  try {
    return await tab.evaluate(
      async ({ base, id, token }) => {
        const res = await fetch(`${base}/gitpod.v1.PrebuildService/GetWarmPool`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body: JSON.stringify({ warmPoolId: id }),
        });
        const body = (await res.json()) as { warmPool?: { id: string } };
        return { status: res.status, id: body.warmPool?.id };
      },
      { ...call, token: ALICE },
    );
  } finally {
    await tab.close();
  }
}
