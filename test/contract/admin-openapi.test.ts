import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { ADMIN_OPENAPI_PATH, loadOpenApi } from "../../src/adapters/node/load-openapi.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { CONTROL_METHODS } from "../../src/core/admin/admin-core.js";
import { ADMIN_OPERATION_IDS } from "../../src/core/admin/create-admin-handler.js";
import { CONNECT_CODES } from "../../src/errors/connect-code.js";

describe("openapi/admin.yaml", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    await expect(SwaggerParser.validate(ADMIN_OPENAPI_PATH)).resolves.toBeTruthy();
  });

  it("documents exactly the admin routes the server has, all under /_admin", () => {
    const doc = loadOpenApi(ADMIN_OPENAPI_PATH);
    const documented = Object.entries(doc.paths).flatMap(([path, methods]) => {
      expect(path.startsWith("/_admin/")).toBe(true);
      return Object.values(methods).map((op) => op.operationId);
    });
    expect(documented.sort()).toEqual([...ADMIN_OPERATION_IDS].sort());
  });

  it("has a method of the in-process control object for every operation", () => {
    expect([...CONTROL_METHODS].sort()).toEqual([...ADMIN_OPERATION_IDS].sort());
  });

  it("lists the RPCs and Connect codes the server knows", () => {
    const schemas = loadOpenApi(ADMIN_OPENAPI_PATH).components.schemas;
    expect(schemas.ConnectCode?.enum).toEqual([...CONNECT_CODES]);
    // Written by npm run generate: every RPC by its label and by Service/Method.
    const rpcs = [...loadContract().rpcs.values()];
    expect([...(schemas.FaultInput?.properties.rpc.enum ?? [])].sort()).toEqual(
      [...new Set(["*", ...rpcs.flatMap((rpc) => [rpc.label, rpc.name])])].sort(),
    );
  });
});
