import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { build } from "esbuild";
import { afterAll } from "vitest";

/**
 * Bundles a browser script (esbuild, ESM) and serves it in a bare HTML page from a second
 * loopback server for the current test file, so the page's origin differs from the mock's,
 * as a frontend's dev server does. Returns the page's URL (on `localhost`).
 */
export async function serveBundledPage(entry: URL, title: string): Promise<string> {
  const bundle = await build({
    entryPoints: [entry.pathname],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
  });
  const script = bundle.outputFiles[0]?.text ?? "";
  const server = createServer((req, res) => {
    if (req.url === "/page.js") {
      res.writeHead(200, { "Content-Type": "text/javascript" }).end(script);
      return;
    }
    res
      .writeHead(200, { "Content-Type": "text/html" })
      .end(`<!doctype html><title>${title}</title><script type="module" src="/page.js"></script>`);
  }).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  return `http://localhost:${(server.address() as AddressInfo).port}`;
}
