import { describe, expect, it } from "vitest";
import { createPageToken, parsePageToken } from "./page-token.js";

describe("page tokens", () => {
  it("round-trip a position", () => {
    for (const seq of [0, 1, 99, 2 ** 40]) expect(parsePageToken(createPageToken(seq))).toBe(seq);
  });

  it.each([
    "",
    "abc",
    "wp1.",
    "wp1.!!!",
    "wp1.e30",
    "wp1.eyJhZnRlciI6MS41fQ",
    `${createPageToken(5)}x`,
  ])("reject %j as invalid_argument", (token) => {
    expect(() => parsePageToken(token)).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
  });
});
