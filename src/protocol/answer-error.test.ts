import { describe, expect, it, vi } from "vitest";
import { ConnectError } from "../errors/connect-error.js";
import { answerError, serializeError } from "./answer-error.js";
import type { CoreAnswer } from "./exchange.js";

const text = (answer: CoreAnswer) => new TextDecoder().decode(answer.body);

describe("answerError", () => {
  it("answers the code, the message, the table's status, extra headers and metadata", () => {
    const error = new ConnectError("resource_exhausted", "slow down", [], { "retry-after": "1" });
    const answer = answerError(error, { headers: ["Vary", "Origin"] }) as CoreAnswer;
    expect(answer.status).toBe(429);
    expect(JSON.parse(text(answer))).toEqual({ code: "resource_exhausted", message: "slow down" });
    expect(answer.headers).toEqual([
      "Content-Type",
      "application/json",
      "Content-Length",
      `${answer.body?.length}`,
      "Vary",
      "Origin",
      "retry-after",
      "1",
    ]);
  });

  it("hides the text of unexpected errors behind internal and logs them", () => {
    const logger = { error: vi.fn() };
    const bug = new TypeError("secret stack detail");
    const answer = answerError(bug, { logger }) as CoreAnswer;
    expect(answer.status).toBe(500);
    expect(JSON.parse(text(answer))).toEqual({ code: "internal", message: "internal error" });
    expect(logger.error).toHaveBeenCalledWith({ err: bug }, expect.any(String));
  });

  it("attaches the violations detail without the caller loading anything first", async () => {
    const error = new ConnectError("invalid_argument", "bad", [
      { field: [{ fieldNumber: 1, fieldName: "x", fieldType: 9 }], ruleId: "r", message: "m" },
    ]);
    const answer = await answerError(error);
    expect(JSON.parse(text(answer)).details).toEqual([
      expect.objectContaining({ type: "buf.validate.Violations" }),
    ]);
  });
});

it("serializeError omits an empty message", async () => {
  expect((await serializeError(new ConnectError("not_found", ""))).body).toEqual({
    code: "not_found",
  });
});
