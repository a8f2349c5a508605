import { expect, it } from "vitest";
import { equalsInConstantTime } from "./equals-in-constant-time.js";

it("is true for equal texts only: a prefix, a longer text or one changed character is not", () => {
  expect(equalsInConstantTime("Bearer s3cret", "Bearer s3cret")).toBe(true);
  expect(equalsInConstantTime("", "")).toBe(true);
  for (const other of [
    "",
    "Bearer",
    "Bearer s3cre",
    "Bearer s3cretx",
    "Bearer s3crex",
    "bearer s3cret",
  ]) {
    expect(equalsInConstantTime(other, "Bearer s3cret")).toBe(false);
  }
  // A character whose code is 0 past the end must not pass for "nothing there".
  expect(equalsInConstantTime("ab", "ab\u0000")).toBe(false);
  expect(equalsInConstantTime("ab\u0000", "ab")).toBe(false);
});
