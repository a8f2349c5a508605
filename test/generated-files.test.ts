import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findDrift, generateFiles } from "../scripts/generate.js";
import {
  hashText,
  loadOpenApi,
  OPENAPI_JSON_PATH,
  OPENAPI_PATH,
  parseYaml,
} from "../src/validation/load-openapi.js";

describe("files generated from openapi/", () => {
  it("are up to date (run npm run generate after editing the YAML)", async () => {
    expect(await findDrift()).toEqual([]);
  });

  it("type every request and response schema", async () => {
    const types = [...(await generateFiles()).values()].find((t) => t.includes("export interface"));
    for (const name of ["CreateWarmPoolRequest", "ListWarmPoolsResponse", "ConnectError"]) {
      expect(types).toContain(`export type ${name} = components["schemas"]["${name}"];`);
    }
  });

  it("give the same document as the YAML, keyed by the YAML's hash", () => {
    const yaml = readFileSync(OPENAPI_PATH, "utf8");
    const twin = JSON.parse(readFileSync(OPENAPI_JSON_PATH, "utf8"));
    expect(twin.sha256).toBe(hashText(yaml));
    expect(twin.document).toEqual(parseYaml(yaml));
    expect(loadOpenApi()).toEqual(parseYaml(yaml));
  });

  it("fall back to parsing YAML for any other document", () => {
    const dir = mkdtempSync(join(tmpdir(), "wpm-openapi-"));
    const path = join(dir, "edited.yaml");
    writeFileSync(path, readFileSync(OPENAPI_PATH, "utf8").replace("ListWarmPools", "ListPools"));
    try {
      expect(JSON.stringify(loadOpenApi(path))).toContain("ListPools");
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
