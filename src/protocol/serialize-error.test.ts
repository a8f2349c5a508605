import { describe, expect, it } from "vitest";
import { ConnectError } from "../errors/connect-error.js";
import { serializeError } from "./serialize-error.js";

describe("serializeError", () => {
  it("writes the code, the message and the table's status", () => {
    expect(serializeError(new ConnectError("already_exists", "taken"))).toEqual({
      status: 409,
      body: { code: "already_exists", message: "taken" },
    });
  });

  it("omits an empty message", () => {
    expect(serializeError(new ConnectError("not_found", "")).body).toEqual({ code: "not_found" });
  });

  it("hides the text of unexpected errors behind internal", () => {
    expect(serializeError(new TypeError("secret stack detail"))).toEqual({
      status: 500,
      body: { code: "internal", message: "internal error" },
    });
  });
});
