// Every TypeScript example of docs/in-process.md is a file of test/docs/in-process/ that a test
// runs (in Node, or in Chromium by the "browser" project) or the type-check compiles: the
// block under `<!-- example: PATH -->` must be that file as printed, its imports named as an
// app names them, so the examples cannot rot.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findPackageRoot } from "../../src/package-root.js";

const ROOT = findPackageRoot();
const DOC = "docs/in-process.md";
const FOLDER = "test/docs/in-process";
// How a file here names a module, and how an app names it.
const IMPORTS: Record<string, string> = {
  '"../../../src/msw.js"': '"warm-pool-mock/msw"',
  '"../../../src/playwright.js"': '"warm-pool-mock/playwright"',
  '"./playwright-test.js"': '"@playwright/test"',
  '"./storybook-preview.js"': '"../.storybook/preview"',
  '"./warm-pool-list.js"': '"./WarmPoolList"',
};
// Stand-ins for what an app has of its own (its component, @playwright/test): not examples.
const HELPERS = ["playwright-test.ts", "warm-pool-list.ts"];

/** A file as the document prints it: without its opening comment, imports renamed. */
function asPrinted(path: string): string {
  const lines = readFileSync(join(ROOT, path), "utf8").split("\n");
  while (lines[0]?.startsWith("//")) lines.shift();
  let text = lines.join("\n").trim();
  for (const [here, app] of Object.entries(IMPORTS)) text = text.replaceAll(here, app);
  return text;
}

const doc = readFileSync(join(ROOT, DOC), "utf8");
const examples = [...doc.matchAll(/<!-- example: (\S+) -->\n```ts\n([\s\S]*?)```/g)].map(
  (m) => [m[1] as string, m[2] as string] as const,
);

describe(DOC, () => {
  it.each(examples)("prints %s as it is", (path, block) => {
    expect(block.trim()).toBe(asPrinted(path));
  });

  it("prints every example of the folder, and no TypeScript block without one", () => {
    const files = readdirSync(join(ROOT, FOLDER)).filter((f) => !HELPERS.includes(f));
    expect(examples.map(([path]) => path).sort()).toEqual(
      files.map((f) => `${FOLDER}/${f}`).sort(),
    );
    expect(doc.match(/```ts\n/g)?.length).toBe(examples.length);
  });

  it("really compares: a changed line is caught", () => {
    const [path, block] = examples[0] as readonly [string, string];
    expect(block.replace("baseUrl", "baseURL").trim()).not.toBe(asPrinted(path));
  });
});
