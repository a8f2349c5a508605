import { describe, expect, it, vi } from "vitest";
import { ConnectError } from "../errors/connect-error.js";
import { type ErrorResponse, serializeError, writeError } from "./write-error.js";

/** A response that records what was written to it. */
function recordResponse(headersSent = false) {
  const written: { status?: number; headers?: unknown[]; body?: string; destroyed: boolean } = {
    destroyed: false,
  };
  let done: () => void = () => {};
  const ended = new Promise<void>((resolve) => {
    done = resolve;
  });
  const res: ErrorResponse = {
    headersSent,
    writeHead(status, headers) {
      written.status = status;
      written.headers = headers as unknown[];
    },
    end(body) {
      written.body = Buffer.from(body ?? new Uint8Array()).toString();
      done();
    },
    destroy() {
      written.destroyed = true;
      done();
    },
  };
  return { res, written, ended };
}

describe("writeError", () => {
  it("writes the code, the message, the table's status, metadata and extra headers", () => {
    const { res, written } = recordResponse();
    const error = new ConnectError("resource_exhausted", "slow down", [], { "retry-after": "1" });
    expect(writeError(res, error, { headers: ["Vary", "Origin"] })).toBe("resource_exhausted");
    expect(written.status).toBe(429);
    expect(JSON.parse(written.body ?? "")).toEqual({
      code: "resource_exhausted",
      message: "slow down",
    });
    expect(written.headers).toEqual([
      "Content-Type",
      "application/json",
      "Content-Length",
      Buffer.byteLength(written.body ?? ""),
      "Vary",
      "Origin",
      "retry-after",
      "1",
    ]);
  });

  it("hides the text of unexpected errors behind internal and logs them", () => {
    const { res, written } = recordResponse();
    const logger = { error: vi.fn() };
    const bug = new TypeError("secret stack detail");
    expect(writeError(res, bug, { logger })).toBe("internal");
    expect(written.status).toBe(500);
    expect(JSON.parse(written.body ?? "")).toEqual({ code: "internal", message: "internal error" });
    expect(logger.error).toHaveBeenCalledWith({ err: bug }, expect.any(String));
  });

  it("attaches the violations detail without the caller loading anything first", async () => {
    const { res, written, ended } = recordResponse();
    const error = new ConnectError("invalid_argument", "bad", [
      { field: [{ fieldNumber: 1, fieldName: "x", fieldType: 9 }], ruleId: "r", message: "m" },
    ]);
    writeError(res, error);
    await ended;
    expect(JSON.parse(written.body ?? "").details).toEqual([
      expect.objectContaining({ type: "buf.validate.Violations" }),
    ]);
  });

  it("cuts a response whose headers are already out", () => {
    const { res, written } = recordResponse(true);
    writeError(res, new ConnectError("internal", "late"));
    expect(written).toEqual({ destroyed: true });
  });
});

it("serializeError omits an empty message", async () => {
  expect((await serializeError(new ConnectError("not_found", ""))).body).toEqual({
    code: "not_found",
  });
});
