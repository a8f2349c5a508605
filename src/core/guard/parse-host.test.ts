import { describe, expect, it } from "vitest";
import { isIPv4Address, isIPv6Address, parseHost, readHostHeader } from "./parse-host.js";

describe("parseHost", () => {
  it.each([
    ["localhost", { name: "localhost", kind: "name" }],
    ["localhost:4010", { name: "localhost", kind: "name", port: 4010 }],
    ["LOCALHOST:80", { name: "localhost", kind: "name", port: 80 }],
    ["localhost.:4010", { name: "localhost.", kind: "name", port: 4010 }],
    ["web.app.localhost", { name: "web.app.localhost", kind: "name" }],
    ["my_service-1", { name: "my_service-1", kind: "name" }],
    ["xn--bcher-kva.example", { name: "xn--bcher-kva.example", kind: "name" }],
    ["127.0.0.1:4010", { name: "127.0.0.1", kind: "ipv4", port: 4010 }],
    ["10.1.2.3", { name: "10.1.2.3", kind: "ipv4" }],
    ["[::1]", { name: "[::1]", kind: "ipv6" }],
    ["[::1]:4010", { name: "[::1]", kind: "ipv6", port: 4010 }],
    ["[FE80::1]:1", { name: "[fe80::1]", kind: "ipv6", port: 1 }],
    ["[::ffff:127.0.0.1]:65535", { name: "[::ffff:127.0.0.1]", kind: "ipv6", port: 65535 }],
    ["mock:00080", { name: "mock", kind: "name", port: 80 }],
  ])("%j is %j", (value, parts) => {
    expect(parseHost(value)).toEqual(parts);
  });

  it.each([
    // The transcripts: the rest after the name used to go unchecked.
    "localhost:4010.evil.com",
    "[::1]evil.com",
    "[::1]:4010.evil.com",
    "127.0.0.1:4010@evil.com",
    // Ports: empty, zero, too big, not digits, signed, two of them.
    "localhost:",
    "localhost:0",
    "localhost:65536",
    "localhost:123456",
    "localhost:+80",
    "localhost:8a",
    "localhost:80:80",
    // Names: empty, empty labels, characters browsers never send, a number that is no IPv4.
    "",
    ":4010",
    ".localhost",
    "a..b",
    "a b",
    "evil.com,localhost",
    "localhost, evil.com",
    "ex%41mple.com",
    "user@localhost",
    "localhost/x",
    "ex!ample.com",
    "999.1.1.1",
    "1.2.3",
    "0x7f.1",
    "127.0.0.01",
    `${"a".repeat(250)}.com`,
    // IPv6: unbracketed, open, not an address, with a zone, IPvFuture.
    "::1",
    "[::1",
    "[not-an-ip]",
    "[fe80::1%25eth0]",
    "[v1.fe80::a+en1]",
  ])("%j is refused", (value) => {
    expect(parseHost(value)).toBeUndefined();
  });
});

describe("readHostHeader", () => {
  it("reads the one Host header, in any letter case", () => {
    expect(readHostHeader(["HOST", "localhost:1", "Accept", "*/*"])).toEqual({
      kind: "host",
      host: { name: "localhost", kind: "name", port: 1 },
      value: "localhost:1",
    });
    expect(readHostHeader(["Accept", "*/*"])).toEqual({ kind: "absent" });
    expect(readHostHeader(["host", "a:b"])).toEqual({ kind: "invalid", value: "a:b" });
  });

  it("reports a repeated Host, whatever the values", () => {
    expect(readHostHeader(["Host", "localhost", "host", "evil.com"])).toEqual({
      kind: "repeated",
      count: 2,
    });
    expect(readHostHeader(["Host", "localhost", "Host", "localhost"])).toEqual({
      kind: "repeated",
      count: 2,
    });
  });
});

describe("isIPv4Address and isIPv6Address", () => {
  it("agree with what a browser's URL parser takes for an address", () => {
    for (const text of ["0.0.0.0", "127.0.0.1", "255.255.255.255", "10.1.2.3"]) {
      expect(isIPv4Address(text), text).toBe(true);
    }
    for (const text of ["256.1.1.1", "01.1.1.1", "1.1.1", "1.1.1.1.1", "a.b.c.d", ""]) {
      expect(isIPv4Address(text), text).toBe(false);
    }
    for (const text of ["::1", "fe80::1", "::ffff:1.2.3.4", "2001:db8::8a2e:370:7334", "::"]) {
      expect(isIPv6Address(text), text).toBe(true);
    }
    for (const text of ["1.2.3.4", "fe80::1%25eth0", ":::", "g::1", "1::2::3", "", "v1.x"]) {
      expect(isIPv6Address(text), text).toBe(false);
    }
  });
});
