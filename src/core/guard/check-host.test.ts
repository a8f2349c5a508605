import { describe, expect, it } from "vitest";
import { codeToHttpStatus } from "../../protocol/http-status.js";
import { checkHost } from "./check-host.js";

/** What the check does with these Host headers: lets the request on, or the status it answers. */
function verdict(allowed: readonly string[], ...hosts: string[]): "on" | number {
  const request = {
    headers: hosts.length > 0 ? { host: hosts[0] } : {},
    rawHeaders: hosts.flatMap((host) => ["Host", host]),
  };
  const refusal = checkHost(allowed)(request);
  // Without a raw header list (a fetch Request), a repeated Host comes as a list.
  const fromHeaders = checkHost(allowed)({
    headers: hosts.length === 0 ? {} : { host: hosts.length === 1 ? hosts[0] : hosts },
  });
  expect(fromHeaders?.code).toBe(refusal?.code);
  return refusal ? codeToHttpStatus(refusal.code) : "on";
}

describe("checkHost", () => {
  it.each([
    ["localhost:4010", "on"],
    ["LOCALHOST", "on"],
    ["localhost.:4010", "on"],
    ["web.app.localhost", "on"],
    ["127.0.0.1:4010", "on"],
    ["192.168.1.20", "on"],
    ["[::1]:4010", "on"],
    ["[fe80::1]", "on"],
    ["mock:4010", "on"],
    ["warm-pool-mock", "on"],
    ["attacker.example", 403],
    ["localhost.attacker.example", 403],
    ["127.0.0.1.nip.io", 403],
    ["ai.", 403],
    ["[::1", 400],
    ["[not-an-ip]", 400],
    ["", 400],
    ["localhost:4010.evil.com", 400],
    ["[::1]evil.com", 400],
  ])("Host %j by default: %s", (host, outcome) => {
    expect(verdict([], host)).toBe(outcome);
  });

  it("adds exact names, .domain suffixes and * from the list", () => {
    expect(verdict(["mock.internal"], "mock.internal:4010")).toBe("on");
    expect(verdict(["mock.internal"], "mock.internal.")).toBe("on");
    expect(verdict(["mock.internal"], "x.mock.internal")).toBe(403);
    expect(verdict([".corp.example"], "a.b.corp.example")).toBe("on");
    expect(verdict([".corp.example"], "evilcorp.example")).toBe(403);
    expect(verdict(["*"], "attacker.example")).toBe("on");
  });

  it("keeps the grammar and the one-Host rule when any host is allowed", () => {
    expect(verdict(["*"], "localhost:4010.evil.com")).toBe(400);
    expect(verdict(["*"], "localhost", "localhost")).toBe(400);
  });

  it("refuses two Host headers, even when the first is allowed", () => {
    expect(verdict([], "localhost:4010", "evil.com")).toBe(400);
  });

  it("lets a request without Host (HTTP/1.0, never a browser) through", () => {
    expect(verdict([])).toBe("on");
  });
});
