import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import {
  Document,
  type ISpectralDiagnostic,
  type Ruleset,
  Spectral,
} from "@stoplight/spectral-core";
import { Yaml } from "@stoplight/spectral-parsers";
import { fetch } from "@stoplight/spectral-runtime";
import { beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { findPackageRoot } from "../../src/package-root.js";

// Both contracts must stay clean under the project's Spectral ruleset (.spectral.yaml, which
// extends spectral:oas): not one error, warning, info or hint. Operations added later are
// held to it here.
const root = findPackageRoot();
const DOCUMENTS = ["openapi/warm-pools.yaml", "openapi/admin.yaml"];

// Required rather than imported: the bundler's type declarations pull in the DOM library,
// whose fetch types then break the Node-typed fetch calls of every other test.
const { bundleAndLoadRuleset } = createRequire(import.meta.url)(
  "@stoplight/spectral-ruleset-bundler/with-loader",
) as {
  bundleAndLoadRuleset(file: string, io: { fs: typeof fs; fetch: typeof fetch }): Promise<Ruleset>;
};

let spectral: Spectral;
beforeAll(async () => {
  spectral = new Spectral();
  // Loaded the way the CLI loads it; `fetch` is only for remote rulesets, which this one has none of.
  spectral.setRuleset(await bundleAndLoadRuleset(join(root, ".spectral.yaml"), { fs, fetch }));
}, 60_000);

/** Spectral's findings for a document's text, as `path rule: message` lines. */
async function lint(text: string, source: string): Promise<string[]> {
  const results: ISpectralDiagnostic[] = await spectral.run(new Document(text, Yaml, source));
  return results.map((r) => `${source} ${r.path.join(".")} ${r.code}: ${r.message}`);
}

describe("the OpenAPI documents under Spectral's spectral:oas ruleset", () => {
  it.each(DOCUMENTS)("%s has no errors and no warnings", async (path) => {
    expect(await lint(fs.readFileSync(join(root, path), "utf8"), path)).toEqual([]);
  });

  // The check above would pass on any ruleset that finds nothing; this one must find what
  // spectral:oas warns about: an operation without a description and an info without a contact.
  it("reports an operation without a description and an info without a contact", async () => {
    const path = "openapi/admin.yaml";
    const doc = parseDocument(fs.readFileSync(join(root, path), "utf8"));
    doc.deleteIn(["info", "contact"]);
    doc.deleteIn(["paths", "/_admin/reset", "post", "description"]);
    const found = await lint(doc.toString(), path);
    expect(found.sort()).toEqual([
      `${path} info info-contact: Info object must have "contact" object.`,
      `${path} paths./_admin/reset.post operation-description: Operation "description" must be present and non-empty string.`,
    ]);
  });

  // .spectral.yaml narrows one rule: only operations marked x-connect-refusal (the protocol's
  // bare 404 and 405) may lack a success response.
  it("reports an operation without a success response unless it documents a refusal", async () => {
    const path = "openapi/warm-pools.yaml";
    const doc = parseDocument(fs.readFileSync(join(root, path), "utf8"));
    const rpc = "/gitpod.v1.PrebuildService/CreateWarmPool";
    // The 200 answer moves to a 409, so its schema stays in use.
    const responses = ["paths", rpc, "post", "responses"];
    doc.setIn([...responses, "409"], doc.getIn([...responses, "200"]));
    doc.deleteIn([...responses, "200"]);
    doc.deleteIn(["paths", rpc, "put", "x-connect-refusal"]);
    const found = await lint(doc.toString(), path);
    const message = `operation-success-response: Operation must have at least one "2xx" or "3xx" response.`;
    expect(found.sort()).toEqual([
      `${path} paths.${rpc}.post.responses ${message}`,
      `${path} paths.${rpc}.put.responses ${message}`,
    ]);
  });

  // What a developer runs by hand finds the same ruleset (.spectral.yaml in the working folder).
  it("passes `npm run lint:openapi`, which fails on warnings", () => {
    const run = spawnSync("npm", ["run", "--silent", "lint:openapi"], {
      cwd: root,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/No results with a severity of 'warn' or higher found!/);
  }, 60_000);
});
