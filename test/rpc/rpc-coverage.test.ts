// Every RPC of the contract is served and covered: a handler, a sample request shared with the
// scripts, and an entry in the suites' table, whose codes hold on the default world.
import { describe, expect, it } from "vitest";
import { SAMPLE_REQUESTS } from "../../scripts/sample-requests.js";
import { loadOpenApi } from "../../src/adapters/node/load-openapi.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { RPC_HANDLERS } from "../../src/rpc/rpc-handlers.js";
import { callRpc } from "../support/call-rpc.js";
import { createTestApp } from "../support/create-test-app.js";
import { ALICE } from "../support/fixtures.js";
import { findUncovered, RPC_TABLE, rpcCases } from "../support/rpc-table.js";

const contract = loadContract();

describe("every RPC of the contract", () => {
  it("has a handler, a sample request and a table entry, and nothing else has", () => {
    expect(findUncovered(contract)).toEqual([]);
    const names = [...contract.rpcs.keys()].sort();
    expect(Object.keys(RPC_HANDLERS).sort()).toEqual(names);
    expect(Object.keys(SAMPLE_REQUESTS).sort()).toEqual(names);
    expect(Object.keys(RPC_TABLE).sort()).toEqual(names);
  });

  it("is noticed when the contract gains one that lacks them, in any service", () => {
    const doc = structuredClone(loadOpenApi());
    const get = doc.paths["/gitpod.v1.PrebuildService/GetWarmPool"] ?? {};
    doc.paths["/gitpod.v1.RunnerService/CreateRunnerToken"] = structuredClone(get);
    const grown = loadContract(doc);
    expect(findUncovered(grown)).toEqual([
      "RunnerService/CreateRunnerToken lacks a handler in src/rpc/rpc-handlers.ts, a sample in scripts/sample-requests.ts, an entry in test/support/rpc-table.ts",
    ]);
    expect(() => rpcCases(grown)).toThrow(
      /RPCs not covered: RunnerService\/CreateRunnerToken lacks/,
    );
  });

  it.each(rpcCases().map((c) => [c.label, c] as const))(
    "%s: Acme's sample request is ok on the default world, and again what the table says",
    async (label, { valid, entry }) => {
      const { app } = createTestApp();
      expect((await callRpc(app, label, valid, { token: ALICE })).code).toBe("ok");
      expect((await callRpc(app, label, valid, { token: ALICE })).code).toBe(entry.repeatCode);
    },
  );
});
