import { describe, expect, it } from "vitest";
import { decodeBase64Url, parseGetQuery } from "./parse-get-query.js";

describe("parseGetQuery", () => {
  it("reads the Connect parameters in any order and ignores others", () => {
    const query = parseGetQuery("/p?x=1&message=%7B%7D&encoding=json&connect=v1&base64=0");
    expect(query).toEqual({
      connect: "v1",
      encoding: "json",
      base64: "0",
      message: Uint8Array.from(Buffer.from("{}")),
    });
  });

  it("percent-decodes the message to raw bytes and reads + as a space", () => {
    expect([...(parseGetQuery("?message=%00%FF+a").message ?? [])]).toEqual([0, 255, 32, 97]);
  });

  it("has no message when none is given", () => {
    expect(parseGetQuery("/p").message).toBeUndefined();
    expect(parseGetQuery("/p?message").message).toEqual(new Uint8Array());
  });

  it("rejects broken percent-encoding", () => {
    expect(() => parseGetQuery("?message=%G1")).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
  });
});

describe("decodeBase64Url", () => {
  const bytes = (s: string) => Uint8Array.from(Buffer.from(s));

  it("accepts URL-safe base64 with or without padding", () => {
    expect(Buffer.from(decodeBase64Url(bytes("-_8"))).toString("hex")).toBe("fbff");
    expect(Buffer.from(decodeBase64Url(bytes("-_8="))).toString("hex")).toBe("fbff");
  });

  it.each(["+/8", "a", "ab$c", "a==="])("rejects %j", (text) => {
    expect(() => decodeBase64Url(bytes(text))).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
  });
});
