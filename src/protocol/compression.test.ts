import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, decompressBody, parseCompression } from "./compression.js";

describe("parseCompression", () => {
  it("knows identity and gzip, case-insensitively; absent is identity", () => {
    expect(parseCompression(undefined)).toBe("identity");
    expect(parseCompression("")).toBe("identity");
    expect(parseCompression("GZIP")).toBe("gzip");
    expect(parseCompression("identity")).toBe("identity");
  });

  it("answers unimplemented for anything else, naming what is supported", () => {
    expect(() => parseCompression("br")).toThrow(
      expect.objectContaining({
        code: "unimplemented",
        message: 'unknown compression "br": supported encodings are identity, gzip',
      }),
    );
  });
});

describe("decompressBody", () => {
  it("inflates gzip and passes identity and empty bodies through", () => {
    const text = Buffer.from('{"a":1}');
    expect(Buffer.from(decompressBody(gzipSync(text), "gzip", 100))).toEqual(text);
    expect(decompressBody(text, "identity", 100)).toBe(text);
    expect(decompressBody(new Uint8Array(), "gzip", 100).length).toBe(0);
  });

  it("holds the limit before and after inflating", () => {
    const big = Buffer.alloc(101);
    expect(() => decompressBody(big, "identity", 100)).toThrow(
      expect.objectContaining({ code: "resource_exhausted" }),
    );
    expect(() => decompressBody(gzipSync(big), "gzip", 100)).toThrow(
      expect.objectContaining({ code: "resource_exhausted" }),
    );
    expect(() => decompressBody(Buffer.from("junk"), "gzip", 100)).toThrow(
      expect.objectContaining({ code: "invalid_argument" }),
    );
  });
});

it("acceptsGzip reads Accept-Encoding with q-values", () => {
  expect(acceptsGzip(undefined)).toBe(false);
  expect(acceptsGzip("gzip")).toBe(true);
  expect(acceptsGzip("br, GZIP;q=0.3")).toBe(true);
  expect(acceptsGzip("gzip;q=0")).toBe(false);
  expect(acceptsGzip("*")).toBe(true);
  expect(acceptsGzip("br, identity")).toBe(false);
});
