import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { acceptsGzip, decompressBody, parseCompression } from "./compression.js";
import { WEB_PLATFORM } from "./wire-platform.js";

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
  it("inflates gzip and passes identity and empty bodies through", async () => {
    const text = new TextEncoder().encode('{"a":1}');
    expect(await decompressBody(gzipSync(text), "gzip", 100, WEB_PLATFORM)).toEqual(text);
    expect(decompressBody(text, "identity", 100, WEB_PLATFORM)).toBe(text);
    expect(decompressBody(new Uint8Array(), "gzip", 100, WEB_PLATFORM)).toEqual(new Uint8Array());
  });

  it("holds the limit on the message as sent, before any inflating", () => {
    expect(() => decompressBody(new Uint8Array(101), "identity", 100, WEB_PLATFORM)).toThrow(
      expect.objectContaining({ code: "resource_exhausted" }),
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
