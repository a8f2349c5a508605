import { ConnectError } from "../../errors/connect-error.js";
import type { CoreRequest } from "../../protocol/exchange.js";
import { type HostHeader, type HostParts, parseHost, readHostHeader } from "./parse-host.js";

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
 * Returns the error to answer, or undefined when the request may go on.
 */
export function checkHost(allowedHosts: readonly string[]) {
  const isAllowed = matchHost(allowedHosts);
  return (request: Pick<CoreRequest, "headers" | "rawHeaders">): ConnectError | undefined => {
    const header = hostHeaderOf(request);
    // Only HTTP/1.0 clients omit Host, and no browser is one: nothing to rebind.
    if (header.kind === "absent") return undefined;
    if (header.kind === "host" && isAllowed(header.host)) return undefined;
    return hostRefusal(header);
  };
}

/**
 * The Host header of a request: from its raw header list where the platform keeps one
 * (node:http's `headers.host` keeps only the first of several, which a proxy in front may have
 * read differently), otherwise from its headers, where a list means it came more than once.
 */
export function hostHeaderOf({
  headers,
  rawHeaders,
}: Pick<CoreRequest, "headers" | "rawHeaders">): HostHeader {
  if (rawHeaders) return readHostHeader(rawHeaders);
  const value = headers.host;
  if (value === undefined) return { kind: "absent" };
  if (Array.isArray(value)) {
    if (value.length !== 1) return { kind: "repeated", count: value.length };
  }
  const text = Array.isArray(value) ? (value[0] as string) : value;
  const host = parseHost(text);
  return host ? { kind: "host", host, value: text } : { kind: "invalid", value: text };
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
