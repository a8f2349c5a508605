import { expect, it } from "vitest";
import type { ConnectError } from "../errors/connect-error.js";
import { parseTimeoutMs } from "./parse-timeout.js";

it("reads positive integers of up to 10 digits; absent or empty means no timeout", () => {
  expect(parseTimeoutMs(undefined)).toBeUndefined();
  expect(parseTimeoutMs("")).toBeUndefined();
  expect(parseTimeoutMs("1")).toBe(1);
  expect(parseTimeoutMs("0250")).toBe(250);
  expect(parseTimeoutMs("9999999999")).toBe(9_999_999_999);
});

it.each(["0", "-5", "+5", "1.0", "1e3", "12345678901", "10 ", "abc", "100, 200"])(
  "rejects %j as invalid_argument",
  (value) => {
    expect(() => parseTimeoutMs(value)).toThrow(
      expect.objectContaining({ code: "invalid_argument" }) as ConnectError,
    );
  },
);
