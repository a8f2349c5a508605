import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll } from "vitest";

/** A file the static server serves: its bytes and type. */
export interface StaticFile {
  body: string | Uint8Array;
  type: string;
}

/**
 * Serves these files on 127.0.0.1 until the test file ends, and nothing else (404), recording
 * every path asked for: the only server of an in-process browser test, which serves the page
 * and never the API.
 */
export async function serveStatic(
  files: Record<string, StaticFile>,
): Promise<{ origin: string; asked: string[] }> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    asked.push(`${req.method} ${path}`);
    const file = files[path];
    if (!file || req.method !== "GET") {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "Content-Type": file.type, "Cache-Control": "no-store" }).end(file.body);
  }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, asked };
}
