import { describe, expect, it } from "vitest";
import { describeJsonError } from "./describe-json-error.js";

function parseError(text: string): unknown {
  try {
    JSON.parse(text);
  } catch (error) {
    return error;
  }
  throw new Error("parsed");
}

describe("describeJsonError", () => {
  it("keeps the offset and drops the quoted text", () => {
    expect(describeJsonError(parseError('{"a":1,}'))).toBe(" (syntax error at offset 7)");
    expect(describeJsonError(parseError("root:x:0:0:secret"))).toBe("");
    expect(String((parseError("root:x:0:0:secret") as Error).message)).toContain("root:x");
  });
});
