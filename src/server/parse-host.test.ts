import { describe, expect, it } from "vitest";
import { parseHost, readHostHeader } from "./parse-host.js";

describe("parseHost", () => {
  it.each([
    ["localhost", { name: "localhost" }],
    ["localhost:4010", { name: "localhost", port: 4010 }],
    ["LOCALHOST:80", { name: "localhost", port: 80 }],
    ["localhost.:4010", { name: "localhost.", port: 4010 }],
    ["web.app.localhost", { name: "web.app.localhost" }],
    ["my_service-1", { name: "my_service-1" }],
    ["xn--bcher-kva.example", { name: "xn--bcher-kva.example" }],
    ["127.0.0.1:4010", { name: "127.0.0.1", port: 4010 }],
    ["10.1.2.3", { name: "10.1.2.3" }],
    ["[::1]", { name: "[::1]" }],
    ["[::1]:4010", { name: "[::1]", port: 4010 }],
    ["[FE80::1]:1", { name: "[fe80::1]", port: 1 }],
    ["[::ffff:127.0.0.1]:65535", { name: "[::ffff:127.0.0.1]", port: 65535 }],
    ["mock:00080", { name: "mock", port: 80 }],
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
      host: { name: "localhost", port: 1 },
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
