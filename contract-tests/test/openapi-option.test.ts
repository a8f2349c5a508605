import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { ALL_CASES } from "../src/cases/all-cases.js";
import { HarnessSetupError } from "../src/harness-setup-error.js";
import { runHarness } from "../src/run-harness.js";
import { BROKEN_VARIANTS, FIELD_ADDED } from "./support/broken-variants.js";
import { startBrokenMock } from "./support/start-broken-mock.js";
import { type RunningServer, startMock } from "./support/start-mock.js";

const FIXTURES = fileURLToPath(new URL("./fixtures/", import.meta.url));
const SPLIT = join(FIXTURES, "split-openapi", "openapi.yaml");
const invalid = (name: string) => join(FIXTURES, "invalid-openapi", `${name}.yaml`);

// Written at run time: a file that is not YAML would fail the repository's lint.
function notYaml(): string {
  const path = join(mkdtempSync(join(tmpdir(), "openapi-")), "not-yaml.yaml");
  writeFileSync(path, 'openapi: 3.1.0\ninfo: { title: broken, version: "1"\npaths: {}\n');
  return path;
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function startVariant(name: string): Promise<string> {
  const variant = BROKEN_VARIANTS.find((v) => v.name === name);
  if (!variant) throw new Error(`no variant named ${name}`);
  server = await startBrokenMock(variant);
  return server.url;
}

describe("--openapi reads a contract split over several files", () => {
  it("passes every case against the mock, judged by the split document", async () => {
    server = await startMock();
    const result = await runHarness({ baseUrl: server.url, openapiPath: SPLIT });
    // The split document describes the warm-pool RPCs only: the page's cases skip, saying why.
    const page = result.cases.filter((c) => c.name.startsWith("page."));
    expect(page.length).toBeGreaterThan(0);
    for (const c of page) {
      expect(c).toMatchObject({
        status: "skipped",
        skipReason: expect.stringMatching(
          /^the contract document describes no \w+ \(the page's services\)$/,
        ),
      });
    }
    expect(result.cases.filter((c) => c.status !== "passed" && !page.includes(c))).toEqual([]);
    expect(result.cases).toHaveLength(ALL_CASES.length);
    expect(result.summary.warnings).toBe(0);
  });

  it("applies the schemas of the other files: a dropped required field fails, an added one warns", async () => {
    const dropped = await runHarness({
      baseUrl: await startVariant("a required field dropped (metadata.runnerId)"),
      openapiPath: SPLIT,
      only: ["create.echoes-request"],
    });
    // The case's own check comes first; the schema violation of the same answer after it.
    expect(dropped.cases[0]?.failure?.alsoBroken?.[0]?.actual).toMatch(
      /required property 'runnerId'/,
    );
    await server?.close();

    const added = await runHarness({
      baseUrl: await startVariant(FIELD_ADDED),
      openapiPath: SPLIT,
      only: ["create.echoes-request"],
    });
    expect(added.cases[0]?.status).toBe("passed");
    expect(added.cases[0]?.warnings?.join("\n")).toContain('"someFutureField"');
  });

  it("reads OpenAPI 3.0 as well", async () => {
    const dir = mkdtempSync(join(tmpdir(), "openapi-3.0-"));
    cpSync(join(FIXTURES, "split-openapi"), dir, { recursive: true });
    const main = join(dir, "openapi.yaml");
    const text = readFileSync(main, "utf8")
      .replace(/^openapi: 3\.1\.0$/m, "openapi: 3.0.3")
      // SPDX identifiers in License objects came with 3.1.
      .replace(/^ {4}identifier: .*\n/m, "");
    writeFileSync(main, text);
    server = await startMock();
    const result = await runHarness({
      baseUrl: server.url,
      openapiPath: main,
      only: ["create.echoes-request", "errors.*", "lifecycle.*"],
    });
    expect(result.cases.filter((c) => c.status !== "passed")).toEqual([]);
  });
});

describe("--openapi refuses an invalid document, saying where the problem is", () => {
  it.each([
    [
      "response-without-description",
      /#\/paths\/~1gitpod\.v1\.PrebuildService~1GetWarmPool\/post\/responses\/200 must have required property 'description'/,
    ],
    [
      "dangling-ref",
      /dangling-ref\.yaml#\/paths\/~1gitpod\.v1\.PrebuildService~1GetWarmPool\/post\/responses\/200\/content\/application~1json\/schema: Error opening file .*no-such-schemas\.yaml/,
    ],
    ["not-yaml", /not-yaml\.yaml: missed comma .*\(3:1\)/],
    ["swagger-2", /is Swagger 2\.0; the harness reads OpenAPI 3\.0 and 3\.1/],
    [
      "missing-rpcs",
      /describes no POST \/gitpod\.v1\.PrebuildService\/CreateWarmPool, .*\(#\/paths\)/,
    ],
  ])("%s", async (name, where) => {
    // No target is needed: the document is refused before the first request.
    const openapiPath = name === "not-yaml" ? notYaml() : invalid(name);
    const run = runHarness({ baseUrl: "http://127.0.0.1:9", openapiPath });
    await expect(run).rejects.toThrow(HarnessSetupError);
    await expect(run).rejects.toThrow(where);
  });
});
