import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "vitest";
import { type BannerFacts, formatBanner, formatCurlExample } from "./format-banner.js";

const facts: BannerFacts = {
  url: "http://127.0.0.1:4010",
  startupMs: 143,
  admin: {
    url: "http://127.0.0.1:4010/_admin",
    dashboardUrl: "http://127.0.0.1:4010/_dashboard/",
    tokenRequired: false,
  },
  world: "built-in fixtures",
  counts: { organizations: 2, projects: 12, warmPools: 1 },
  clock: { mode: "real", scale: 1 },
  strictAuth: false,
  corsOrigins: ["loopback"],
  defaultToken: "wpm_acme_alice",
  tokens: [
    { token: "wpm_acme_alice", organization: "Acme Corp" },
    { token: "wpm_globex_bob_long", organization: "Globex Inc" },
  ],
};

describe("formatBanner", () => {
  it("says where each part listens, the world, clock, tokens and a command to try", () => {
    expect(formatBanner(facts, { color: false })).toBe(
      [
        "",
        "  warm-pool-mock ready in 143 ms",
        "",
        "  API        http://127.0.0.1:4010  gitpod.v1.PrebuildService, Connect JSON and binary",
        "  Dashboard  http://127.0.0.1:4010/_dashboard/",
        "  Admin      http://127.0.0.1:4010/_admin  openapi/admin.yaml",
        "  World      built-in fixtures: 2 organizations, 12 projects, 1 warm pool",
        "  Clock      real time",
        "  CORS       RPCs from pages on this machine only; --cors-origins widens it (docs/security.md)",
        "  Auth       the tokens below; any other token acts as wpm_acme_alice",
        "  Tokens     wpm_acme_alice       Acme Corp",
        "             wpm_globex_bob_long  Globex Inc",
        "",
        "  Try",
        "  curl -s http://127.0.0.1:4010/gitpod.v1.PrebuildService/ListWarmPools -H 'Authorization: Bearer wpm_acme_alice' -H 'Content-Type: application/json' -d '{}'",
        "",
        "  Requests are logged below. Ctrl-C stops the server.",
        "",
        "",
      ].join("\n"),
    );
  });

  it("shows no dashboard when the admin API is off, and says a manual clock cannot move", () => {
    const text = formatBanner(
      { ...facts, admin: undefined, clock: { mode: "manual", scale: 1 } },
      { color: false },
    );
    expect(text).not.toContain("Dashboard");
    expect(text).not.toContain("/_dashboard/");
    expect(text).toContain("  Admin      off (--no-admin)\n");
    expect(text).toContain(
      "  Clock      manual: stands still (the admin API that moves it is off)\n",
    );
  });

  it("names the admin token, strict auth, a manual or faster clock", () => {
    const manual = formatBanner(
      {
        ...facts,
        admin: { ...(facts.admin as NonNullable<BannerFacts["admin"]>), tokenRequired: true },
        strictAuth: true,
        clock: { mode: "manual", scale: 1 },
      },
      { color: false },
    );
    expect(manual).toContain("openapi/admin.yaml, needs the admin token\n");
    expect(manual).toContain("  Auth       only the tokens below (--strict-auth)\n");
    expect(manual).toContain("  Clock      manual: moves only with POST /_admin/clock/advance\n");
    const fast = formatBanner({ ...facts, clock: { mode: "real", scale: 10 } }, { color: false });
    expect(fast).toContain("  Clock      real time x10 (--time-scale)\n");
  });

  it("lists the first five tokens of a large world and counts the rest", () => {
    const tokens = Array.from({ length: 12 }, (_, i) => ({
      token: `wpm_user_${i}`,
      organization: `Org ${i}`,
    }));
    const text = formatBanner({ ...facts, tokens }, { color: false });
    expect(text).toContain("wpm_user_4 ");
    expect(text).not.toContain("wpm_user_5 ");
    expect(text).toContain("             and 7 more\n");
  });

  it("adds colours only when asked, around the same text", () => {
    const plain = formatBanner(facts, { color: false });
    const coloured = formatBanner(facts, { color: true });
    expect(plain).not.toContain("\u001b[");
    expect(coloured).toContain("\u001b[36mhttp://127.0.0.1:4010\u001b[39m");
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it("builds the curl line the JSON start-up record also carries", () => {
    expect(formatCurlExample("http://[::1]:9", "t")).toBe(
      "curl -s http://[::1]:9/gitpod.v1.PrebuildService/ListWarmPools -H 'Authorization: Bearer t' -H 'Content-Type: application/json' -d '{}'",
    );
  });
});
