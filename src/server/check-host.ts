import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { ConnectError } from "../errors/connect-error.js";
import { writeError } from "../protocol/write-error.js";
import { type HostHeader, type HostParts, readHostHeader } from "./parse-host.js";

/**
 * Builds the Host check, which runs before routing. A Host header must follow the strict
 * `host[:port]` grammar (parseHost) and come once: anything else is `invalid_argument` (400).
 * Then it stops DNS rebinding: a page on a name the attacker controls, re-pointed at
 * 127.0.0.1, reaches the mock with its own name in `Host`. Allowed without configuration:
 * loopback names (`localhost`, `*.localhost`), IP literals, and names without a dot (compose
 * and Kubernetes service names, which public DNS cannot serve, so no rebinding page can have
 * one). `allowedHosts` adds exact names, `.example.com` for a domain and its subdomains, or `*`
 * for any host (the rebinding check off; the grammar still applies).
 *
 * Returns whether the request may go on; when not, it has been answered.
 */
export function checkHost(allowedHosts: readonly string[], logger?: Logger) {
  const isAllowed = matchHost(allowedHosts);
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    const header = readHostHeader(req.rawHeaders);
    // Only HTTP/1.0 clients omit Host, and no browser is one: nothing to rebind.
    if (header.kind === "absent") return true;
    if (header.kind === "host" && isAllowed(header.host)) return true;
    writeError(res, hostRefusal(header), { logger });
    return false;
  };
}

function hostRefusal(header: Exclude<HostHeader, { kind: "absent" }>): ConnectError {
  if (header.kind === "repeated") {
    return new ConnectError(
      "invalid_argument",
      `a request carries one Host header, this one carries ${header.count}`,
    );
  }
  const shown = JSON.stringify(header.value.slice(0, 100));
  if (header.kind === "invalid") {
    return new ConnectError(
      "invalid_argument",
      `Host ${shown} is not host[:port]: a name, an IPv4 address or a bracketed IPv6 address, then an optional port from 1 to 65535`,
    );
  }
  return new ConnectError(
    "permission_denied",
    `Host ${shown} is not allowed: this server answers loopback names, IP addresses, names ` +
      "without a dot, and the names given with --allowed-hosts (env ALLOWED_HOSTS)",
  );
}

function matchHost(allowedHosts: readonly string[]): (host: HostParts) => boolean {
  if (allowedHosts.includes("*")) return () => true;
  const exact = new Set<string>();
  const domains: string[] = [];
  for (const entry of allowedHosts) {
    const host = entry.toLowerCase();
    if (host.startsWith(".")) domains.push(host);
    else exact.add(host);
  }
  return (host) => {
    if (isBuiltIn(host)) return true;
    // `example.com.` is the same name as `example.com`, written fully qualified.
    const bare = host.name.endsWith(".") ? host.name.slice(0, -1) : host.name;
    return exact.has(bare) || domains.some((d) => bare === d.slice(1) || bare.endsWith(d));
  };
}

function isBuiltIn({ name, kind }: HostParts): boolean {
  // An IP literal names an address, not a name an attacker's DNS could re-point.
  if (kind !== "name") return true;
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  // A dotless name resolves only through local means (hosts file, search domains, a
  // container network); `ai.`, fully qualified, is a top-level domain and is not let through.
  return !name.includes(".");
}
