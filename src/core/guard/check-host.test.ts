import { describe, expect, it } from "vitest";
import { checkHost, hostName } from "./check-host.js";

function verdict(allowed: readonly string[], host: string | undefined): boolean {
  return checkHost(allowed)(host) === undefined;
}

describe("checkHost", () => {
  it.each([
    ["localhost:4010", true],
    ["LOCALHOST", true],
    ["localhost.:4010", true],
    ["web.app.localhost", true],
    ["127.0.0.1:4010", true],
    ["192.168.1.20", true],
    ["[::1]:4010", true],
    ["[fe80::1]", true],
    ["[::ffff:127.0.0.1]:80", true],
    ["[2001:db8::1]", true],
    ["256.1.1.1", false],
    ["01.2.3.4", false],
    ["[1::2::3]", false],
    ["[::1%25eth0]", false],
    ["mock:4010", true],
    ["warm-pool-mock", true],
    ["attacker.example", false],
    ["localhost.attacker.example", false],
    ["127.0.0.1.nip.io", false],
    ["ai.", false],
    ["[::1", false],
    ["[not-an-ip]", false],
    ["", false],
  ])("Host %j allowed by default: %s", (host, allowed) => {
    expect(verdict([], host)).toBe(allowed);
  });

  it("adds exact names, .domain suffixes and * from the list", () => {
    expect(verdict(["mock.internal"], "mock.internal:4010")).toBe(true);
    expect(verdict(["mock.internal"], "mock.internal.")).toBe(true);
    expect(verdict(["mock.internal"], "x.mock.internal")).toBe(false);
    expect(verdict([".corp.example"], "a.b.corp.example")).toBe(true);
    expect(verdict([".corp.example"], "evilcorp.example")).toBe(false);
    expect(verdict(["*"], "attacker.example")).toBe(true);
  });

  it("lets a request without Host (HTTP/1.0, never a browser) through", () => {
    expect(verdict([], undefined)).toBe(true);
  });

  it("reads the name without the port, keeping IPv6 brackets", () => {
    expect(hostName("Example.COM:80")).toBe("example.com");
    expect(hostName("[::1]:4010")).toBe("[::1]");
    expect(hostName(":4010")).toBeUndefined();
  });
});
