import { expect, it } from "vitest";
import { loadContract } from "../contract/load-contract.js";
import { embeddedOpenApi as loadOpenApi } from "../contract/openapi-document.js";
import { isRpcName, RPC_HANDLERS } from "./rpc-handlers.js";

it("has a handler for every RPC of the contract, and none beyond it", () => {
  const names = [...loadContract().rpcs.keys()];
  expect(names.length).toBeGreaterThan(0);
  expect(names.filter((name) => !isRpcName(name))).toEqual([]);
  expect(Object.keys(RPC_HANDLERS).sort()).toEqual([...names].sort());
});

it("notices an RPC the contract gains without a handler, in any service", () => {
  const doc = structuredClone(loadOpenApi());
  const path = "/gitpod.v1.PrebuildService/GetWarmPool";
  doc.paths["/gitpod.v1.PrebuildService/PauseWarmPool"] = structuredClone(doc.paths[path] ?? {});
  doc.paths["/gitpod.v1.RunnerService/GetWarmPool"] = structuredClone(doc.paths[path] ?? {});
  const names = [...loadContract(doc).rpcs.keys()];
  expect(names.filter((name) => !isRpcName(name))).toEqual([
    "PrebuildService/PauseWarmPool",
    "RunnerService/GetWarmPool",
  ]);
});
