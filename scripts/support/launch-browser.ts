// Headless Chromium for the browser tests and scripts/screenshot-dashboard.ts.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

/** Debian's package; used only when the npm-shipped binary cannot be had. */
const SYSTEM_CHROMIUM = "/usr/bin/chromium";

// Chromium's background services dial Google's hosts; on a closed network that is noise and delay.
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"];

/**
 * Where the test browser lives: `CHROMIUM_PATH` when set, else the headless shell shipped inside
 * the `@sparticuz/chromium` npm package (unpacked once into the temp folder, no download, no
 * root), else a system Chromium. `npm ci` is all a fresh machine needs.
 */
export async function findChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  try {
    const { default: packaged } = await import("@sparticuz/chromium");
    return await packaged.executablePath();
  } catch (error) {
    if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
    throw new Error(
      `no Chromium for the browser tests: @sparticuz/chromium failed (${(error as Error).message}) and ${SYSTEM_CHROMIUM} is absent; set CHROMIUM_PATH`,
    );
  }
}

/**
 * A headless Chromium for one test file; the caller closes it. `extraArgs` add command-line
 * switches, such as `--host-resolver-rules` to serve a page from a name of the test's choosing.
 */
export async function launchBrowser(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: await findChromium(), args: [...ARGS, ...extraArgs] });
}
