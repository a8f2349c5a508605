import { describe, expect, it } from "vitest";
import { parseUnaryRequest } from "./parse-unary-request.js";

const post = (headers: Record<string, string>) => ({ method: "POST", url: "/x", headers });

describe("parseUnaryRequest", () => {
  it("frames a POST by Content-Type, timeout and Content-Encoding", () => {
    expect(
      parseUnaryRequest(
        post({
          "content-type": "application/proto",
          "connect-timeout-ms": "250",
          "content-encoding": "gzip",
        }),
        "IDEMPOTENCY_UNKNOWN",
      ),
    ).toEqual({ codec: "proto", compression: "gzip", timeoutMs: 250 });
  });

  it("allows GET only where the method has no side effects", () => {
    const get = { method: "GET", url: "/x?encoding=json&message=%7B%7D", headers: {} };
    expect(parseUnaryRequest(get, "IDEMPOTENCY_UNKNOWN")).toEqual({
      status: 405,
      headers: { Allow: "POST" },
    });
    expect(parseUnaryRequest(get, "NO_SIDE_EFFECTS")).toMatchObject({
      codec: "json",
      compression: "identity",
      message: Uint8Array.from(Buffer.from("{}")),
    });
  });

  it("refuses a GET with a body or an unknown encoding with a bare 415", () => {
    const withBody = {
      method: "GET",
      url: "/x?encoding=json&message=%7B%7D",
      headers: { "content-length": "2" },
    };
    expect(parseUnaryRequest(withBody, "NO_SIDE_EFFECTS")).toEqual({ status: 415, headers: {} });
    const unknown = { method: "GET", url: "/x?encoding=yaml&message=a", headers: {} };
    expect(parseUnaryRequest(unknown, "NO_SIDE_EFFECTS")).toEqual({ status: 415, headers: {} });
  });

  it("decodes a base64 GET message but leaves decompression to the caller", () => {
    const get = {
      method: "GET",
      url: "/x?encoding=proto&base64=1&compression=gzip&message=AQI",
      headers: {},
    };
    const framed = parseUnaryRequest(get, "NO_SIDE_EFFECTS");
    expect(framed).toMatchObject({ codec: "proto", compression: "gzip" });
    expect([...("message" in framed ? (framed.message ?? []) : [])]).toEqual([1, 2]);
  });

  it("takes an empty Connect-Protocol-Version, or an empty connect=, as absent", () => {
    expect(
      parseUnaryRequest(
        post({ "content-type": "application/json", "connect-protocol-version": "" }),
        "IDEMPOTENCY_UNKNOWN",
      ),
    ).toMatchObject({ codec: "json" });
    for (const query of ["connect=&", "connect&", ""]) {
      const get = { method: "GET", url: `/x?${query}encoding=json&message=%7B%7D`, headers: {} };
      expect(parseUnaryRequest(get, "NO_SIDE_EFFECTS")).toMatchObject({ codec: "json" });
    }
  });

  it("still refuses a version other than the protocol's, in the header or the query", () => {
    for (const version of ["2", " ", "1, 1"]) {
      expect(() =>
        parseUnaryRequest(
          post({ "content-type": "application/json", "connect-protocol-version": version }),
          "IDEMPOTENCY_UNKNOWN",
        ),
      ).toThrow(`connect-protocol-version must be "1": got "${version}"`);
    }
    const get = { method: "GET", url: "/x?connect=v2&encoding=json&message=%7B%7D", headers: {} };
    expect(() => parseUnaryRequest(get, "NO_SIDE_EFFECTS")).toThrow(
      'connect query parameter must be "v1": got "v2"',
    );
  });
});
