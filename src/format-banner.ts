import { styleText } from "node:util";

/** A bearer token the world knows, and the organization it calls as. */
export interface BannerToken {
  token: string;
  organization: string;
}

/** What the first screen says about a server that has just started. */
export interface BannerFacts {
  url: string;
  startupMs: number;
  /** Where the control plane is; undefined when it is off (--no-admin). */
  admin?: { url: string; dashboardUrl: string; tokenRequired: boolean };
  /** Where the world came from, e.g. "built-in fixtures" or a file. */
  world: string;
  counts: { organizations: number; projects: number; warmPools: number };
  clock: { mode: "real" | "manual"; scale: number };
  strictAuth: boolean;
  /** The origins whose pages may call the RPCs (`loopback`, `*`, origins and patterns). */
  corsOrigins: readonly string[];
  defaultToken: string;
  tokens: BannerToken[];
}

/** How many tokens the banner lists; a generated world can hold thousands. */
const MAX_TOKENS = 5;

type Style = Parameters<typeof styleText>[0];

/** A command that lists the caller's warm pools: the first thing to try against the server. */
export function formatCurlExample(url: string, token: string): string {
  return `curl -s ${url}/gitpod.v1.PrebuildService/ListWarmPools -H 'Authorization: Bearer ${token}' -H 'Content-Type: application/json' -d '{}'`;
}

/**
 * The start-up screen for a person at a terminal, in the manner of Vite or Prism: where each
 * part listens, the world, the clock, the tokens and one command to try. `color` adds ANSI
 * styles (the caller knows whether its terminal wants them).
 */
export function formatBanner(facts: BannerFacts, { color }: { color: boolean }): string {
  const paint = (style: Style, text: string) =>
    color ? styleText(style, text, { validateStream: false }) : text;
  const row = (label: string, value: string) =>
    `  ${label ? paint("dim", label.padEnd(11)) : " ".repeat(11)}${value}`;
  const { admin, counts } = facts;

  const lines = [
    "",
    `  ${paint(["bold", "green"], "warm-pool-mock")} ready in ${paint("bold", `${facts.startupMs} ms`)}`,
    "",
    row("API", `${paint("cyan", facts.url)}  gitpod.v1.PrebuildService, Connect JSON and binary`),
  ];
  if (admin) {
    lines.push(row("Dashboard", paint("cyan", admin.dashboardUrl)));
    lines.push(
      row(
        "Admin",
        `${paint("cyan", admin.url)}  openapi/admin.yaml${admin.tokenRequired ? ", needs the admin token" : ""}`,
      ),
    );
  } else {
    lines.push(row("Admin", "off (--no-admin)"));
  }
  lines.push(
    row(
      "World",
      `${facts.world}: ${plural(counts.organizations, "organization")}, ${plural(counts.projects, "project")}, ${plural(counts.warmPools, "warm pool")}`,
    ),
    row("Clock", describeClock(facts.clock, admin !== undefined)),
    row("CORS", describeCors(facts.corsOrigins)),
    row(
      "Auth",
      facts.strictAuth
        ? "only the tokens below (--strict-auth)"
        : `the tokens below; any other token acts as ${facts.defaultToken}`,
    ),
  );

  const shown = facts.tokens.slice(0, MAX_TOKENS);
  const width = Math.max(...shown.map((t) => t.token.length));
  shown.forEach((t, i) => {
    const value = `${paint("yellow", t.token.padEnd(width))}  ${t.organization}`;
    lines.push(row(i === 0 ? "Tokens" : "", value));
  });
  if (facts.tokens.length > shown.length) {
    lines.push(row("", paint("dim", `and ${facts.tokens.length - shown.length} more`)));
  }

  lines.push(
    "",
    `  ${paint("bold", "Try")}`,
    `  ${formatCurlExample(facts.url, facts.defaultToken)}`,
    "",
    `  ${paint("dim", "Requests are logged below. Ctrl-C stops the server.")}`,
    "",
  );
  return `${lines.join("\n")}\n`;
}

function describeClock(clock: BannerFacts["clock"], adminOn: boolean): string {
  if (clock.mode === "real") {
    return clock.scale === 1 ? "real time" : `real time x${clock.scale} (--time-scale)`;
  }
  return adminOn
    ? "manual: moves only with POST /_admin/clock/advance"
    : "manual: stands still (the admin API that moves it is off)";
}

function describeCors(origins: readonly string[]): string {
  if (origins.includes("*")) return "RPCs from pages on any origin (--cors-origins *)";
  if (origins.length === 1 && origins[0] === "loopback") {
    return "RPCs from pages on this machine only; --cors-origins widens it (docs/security.md)";
  }
  return `RPCs from pages on ${origins.join(", ")} (--cors-origins)`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
