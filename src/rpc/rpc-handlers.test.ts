import { expect, it } from "vitest";
import { loadContract } from "../contract/load-contract.js";
import { embeddedOpenApi as loadOpenApi } from "../contract/openapi-document.js";
import { isRpcMethod, RPC_HANDLERS } from "./rpc-handlers.js";

it("has a handler for every RPC of the contract, and none beyond it", () => {
  const methods = [...loadContract().rpcs.keys()];
  expect(methods.length).toBeGreaterThan(0);
  expect(methods.filter((m) => !isRpcMethod(m))).toEqual([]);
  expect(Object.keys(RPC_HANDLERS).sort()).toEqual([...methods].sort());
});

it("notices an RPC the contract gains without a handler", () => {
  const doc = structuredClone(loadOpenApi());
  const path = "/gitpod.v1.PrebuildService/GetWarmPool";
  doc.paths["/gitpod.v1.PrebuildService/PauseWarmPool"] = structuredClone(doc.paths[path] ?? {});
  const methods = [...loadContract(doc).rpcs.keys()];
  expect(methods.filter((m) => !isRpcMethod(m))).toEqual(["PauseWarmPool"]);
});
