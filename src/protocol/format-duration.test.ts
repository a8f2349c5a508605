import { describe, expect, it } from "vitest";
import { formatDuration } from "./format-duration.js";

describe("formatDuration", () => {
  it.each([
    [3600, "3600s"],
    [300.5, "300.500s"],
    [0.000001, "0.000001s"],
    [1.000000001, "1.000000001s"],
    [0, "0s"],
    [-1.5, "-1.500s"],
    [-0.25, "-0.250s"],
  ])("writes %d seconds as %s", (seconds, text) => {
    expect(formatDuration(seconds)).toBe(text);
  });
});
