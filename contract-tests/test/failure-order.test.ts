// What a failed case reports first: its own check (the rule it is about), then the contract
// checks the same answer breaks too. Issue 21: against a schema-only mock,
// errors.unknown-pool-not-found reported a specVersion pattern violation, and the real failure
// (HTTP 200 for an unknown pool) showed only in the response line.
import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { SCHEMA_CHECK } from "../src/check-conformance.js";
import { createConsoleReport } from "../src/report/console-report.js";
import { renderJunitReport } from "../src/report/junit-report.js";
import { runHarness } from "../src/run-harness.js";
import { BROKEN_VARIANTS } from "./support/broken-variants.js";
import { startBrokenMock } from "./support/start-broken-mock.js";
import { close, listen } from "./support/start-mock.js";

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

// A pool as a schema-only mock (Prism and the like) makes one up: every string "string".
const MADE_UP_POOL = {
  id: "string",
  metadata: {
    organizationId: "string",
    projectId: "string",
    environmentClassId: "string",
    runnerId: "string",
    createdAt: "2019-08-24T14:15:22Z",
    updatedAt: "2019-08-24T14:15:22Z",
  },
  spec: { specVersion: "string", minSize: 0, maxSize: 0, desiredPhase: "WARM_POOL_PHASE_READY" },
  status: { phase: "WARM_POOL_PHASE_READY", statusVersion: "string" },
};

/** A target that answers every RPC 200 with a made-up body, as a schema-only mock does. */
async function startSchemaOnlyMock(): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    const body = req.url?.endsWith("/ListWarmPools")
      ? { warmPools: [] }
      : { warmPool: MADE_UP_POOL };
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(body));
  });
  const url = await listen(server);
  stops.push(() => close(server));
  return url;
}

describe("a failed case's report", () => {
  it("names the case's own check first, then the schema violations of the same answer", async () => {
    const result = await runHarness({
      baseUrl: await startSchemaOnlyMock(),
      only: ["errors.unknown-pool-not-found"],
    });
    const failure = result.cases[0]?.failure;
    expect(failure?.check).toBe("GetWarmPool of an unknown pool is not_found");
    expect(failure?.expected).toBe('Connect error "not_found" (HTTP 404)');
    expect(failure?.actual).toMatch(/^HTTP 200 \(the request was accepted\)/);
    expect(failure?.alsoBroken).toEqual([
      expect.objectContaining({
        check: SCHEMA_CHECK,
        actual: expect.stringContaining("specVersion"),
      }),
    ]);

    let console = "";
    const report = createConsoleReport((text) => {
      console += text;
    }, false);
    report.finish(result);
    const at = (text: string) => console.indexOf(text);
    expect(at("   check:    GetWarmPool of an unknown pool is not_found")).toBeGreaterThan(0);
    expect(at("   actual:   HTTP 200")).toBeGreaterThan(at("   check:"));
    expect(at(`   also:     ${SCHEMA_CHECK}`)).toBeGreaterThan(at("   actual:"));
    expect(at("   response: HTTP 200")).toBeGreaterThan(at("   also:"));
    expect(renderJunitReport(result)).toMatch(/actual: HTTP 200[^\n]*\nalso: every response body/);
  });

  it("still fails a case whose own checks pass on an answer that breaks the schema", async () => {
    // Pools lose their runnerId; the filter case does not look at it, the schema does.
    const variant = BROKEN_VARIANTS.find(
      (v) => v.name === "a required field dropped (metadata.runnerId)",
    );
    const server = await startBrokenMock(variant as (typeof BROKEN_VARIANTS)[number]);
    stops.push(() => server.close());
    const result = await runHarness({ baseUrl: server.url, only: ["list.filter-project"] });
    const failure = result.cases[0]?.failure;
    expect(result.cases[0]?.status).toBe("failed");
    expect(failure?.check).toBe(SCHEMA_CHECK);
    expect(failure?.actual).toMatch(/required property 'runnerId'/);
    expect(failure?.alsoBroken).toBeUndefined();
  });
});
