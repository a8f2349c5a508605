import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  API_TYPES_PATH,
  findClientSchemas,
  findDrift,
  generateFiles,
} from "../../scripts/generate.js";
import { withoutProse } from "../../scripts/generate-embedded.js";
import {
  hashText,
  loadOpenApi,
  OPENAPI_PATH,
  parseYaml,
} from "../../src/adapters/node/load-openapi.js";
import { loadContract } from "../../src/contract/load-contract.js";
import {
  EMBEDDED_OPENAPI_SHA256,
  embeddedOpenApi,
  isEmbeddedOpenApi,
} from "../../src/contract/openapi-document.js";
import { REQUEST_VALIDATORS_SHA256 } from "../../src/generated/request-validators.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { encodeJsonNode } from "../support/json-node.js";
import { RequestArbitraries } from "../support/request-arbitraries.js";

describe("files generated from openapi/", () => {
  it("are up to date (run npm run generate after editing the YAML)", async () => {
    expect(await findDrift()).toEqual([]);
  });

  it("type every request and response schema, and every message and enum they hold", async () => {
    const contract = loadContract();
    const aliases = findClientSchemas(contract);
    for (const rpc of contract.rpcs.values()) {
      expect(aliases).toContain(rpc.requestSchema);
      expect(aliases).toContain(rpc.response.typeName.replace("gitpod.v1.", ""));
    }
    for (const name of ["WarmPool", "WarmPoolSpec", "WarmPoolPhase", "ConnectError"]) {
      expect(aliases).toContain(name);
    }
    // Named scalars are no messages.
    expect(aliases).not.toContain("Uuid");
    const types = (await generateFiles()).get(API_TYPES_PATH);
    for (const name of aliases) {
      expect(types).toContain(`export type ${name} = components["schemas"]["${name}"];`);
    }
  });

  it("type every admin schema and operation, for the admin routes and the dashboard", async () => {
    const files = await generateFiles();
    const types = [...files.entries()].find(([path]) => path.endsWith("admin-types.ts"))?.[1];
    for (const name of ["WorldDump", "ChangeEvent", "FaultInput", "AdvanceClockRequest"]) {
      expect(types).toContain(`export type ${name} = components["schemas"]["${name}"];`);
    }
    expect(types).toContain("watchEvents: {");
  });

  it("embed the same document as the YAML, keyed by the YAML's hash", () => {
    const yaml = readFileSync(OPENAPI_PATH, "utf8");
    expect(EMBEDDED_OPENAPI_SHA256).toBe(hashText(yaml));
    // All of it but the prose (descriptions, summaries, examples, tags), which no code reads.
    expect(embeddedOpenApi()).toEqual(withoutProse(parseYaml(yaml)));
    const prose = JSON.stringify(embeddedOpenApi()).match(
      /"(description|summary|examples?|tags)":/g,
    );
    // Fields of messages named like prose keywords (EnvironmentClass.description) stay.
    expect(prose?.length ?? 0).toBeLessThan(10);
    expect(loadOpenApi()).toBe(embeddedOpenApi());
  });

  it("embed the fixtures: the default world is the files' world", () => {
    const fixtures = join(import.meta.dirname, "..", "..", "fixtures");
    const base = JSON.parse(readFileSync(join(fixtures, "default-world.json"), "utf8"));
    const filler = JSON.parse(readFileSync(join(fixtures, "filler.json"), "utf8"));
    const world = loadDefaultWorld();
    expect(world.organizations).toEqual(base.organizations);
    expect(world.warmPools).toEqual([...base.warmPools, ...filler.warmPools]);
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

  it("give request validators the server uses for the committed YAML and nothing else", () => {
    expect(REQUEST_VALIDATORS_SHA256).toBe(EMBEDDED_OPENAPI_SHA256);
    expect(isEmbeddedOpenApi(loadOpenApi())).toBe(true);
    expect(isEmbeddedOpenApi(parseYaml(readFileSync(OPENAPI_PATH, "utf8")))).toBe(false);
  });

  // The generated code against ajv compiling the same schemas at run time (a document that is
  // not the embedded one), on valid requests and mutants of every kind that parse as JSON.
  it("give request validators that judge every request as compiling the YAML does", () => {
    const generated = loadContract();
    const compiled = loadContract(parseYaml(readFileSync(OPENAPI_PATH, "utf8")));
    const arbitraries = new RequestArbitraries(generated, {
      uuids: [randomUUID(), randomUUID()],
      strings: {},
    });
    let judged = 0;
    for (const [method, rpc] of generated.rpcs) {
      const other = compiled.rpcs.get(method);
      fc.assert(
        fc.property(arbitraries.forMethod(method), (request) => {
          let value: unknown;
          try {
            value = JSON.parse(encodeJsonNode(request.body).toString("utf8"));
          } catch {
            return;
          }
          judged++;
          expect(rpc.validateRequest(value)).toEqual(other?.validateRequest(value));
        }),
        { numRuns: 300, seed: 20261128 },
      );
    }
    expect(judged).toBeGreaterThan(1000);
  });
});
