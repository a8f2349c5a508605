import { describe, expect, it } from "vitest";
import { CONNECT_CODES, isConnectCode } from "../errors/connect-code.js";
import { codeToHttpStatus } from "./http-status.js";

describe("codeToHttpStatus", () => {
  it("follows the Connect protocol's table for every code", () => {
    const table = Object.fromEntries(CONNECT_CODES.map((code) => [code, codeToHttpStatus(code)]));
    expect(table).toEqual({
      canceled: 499,
      unknown: 500,
      invalid_argument: 400,
      deadline_exceeded: 504,
      not_found: 404,
      already_exists: 409,
      permission_denied: 403,
      resource_exhausted: 429,
      failed_precondition: 400,
      aborted: 409,
      out_of_range: 400,
      unimplemented: 501,
      internal: 500,
      unavailable: 503,
      data_loss: 500,
      unauthenticated: 401,
    });
  });

  it("knows exactly the sixteen codes", () => {
    expect(CONNECT_CODES).toHaveLength(16);
    expect(isConnectCode("not_found")).toBe(true);
    expect(isConnectCode("NOT_FOUND")).toBe(false);
    expect(isConnectCode("ok")).toBe(false);
  });
});
