import { ConnectError } from "../../errors/connect-error.js";
import type { HeaderValue } from "../../protocol/exchange.js";

/**
 * Builds the Host check that stops DNS rebinding: a page on a name the attacker controls,
 * re-pointed at 127.0.0.1, reaches the mock with its own name in `Host`. Allowed without
 * configuration: loopback names (`localhost`, `*.localhost`), IP literals, and names
 * without a dot (compose and Kubernetes service names, which public DNS cannot serve, so no
 * rebinding page can have one). `allowedHosts` adds exact names, `.example.com` for a
 * domain and its subdomains, or `*` for any host (the check off).
 *
 * Returns the `permission_denied` error to answer, or undefined when the request may go on.
 */
export function checkHost(allowedHosts: readonly string[]) {
  const isAllowed = matchHost(allowedHosts);
  return (value: HeaderValue): ConnectError | undefined => {
    // Only HTTP/1.0 clients omit Host, and no browser is one: nothing to rebind.
    if (value === undefined) return undefined;
    const header = Array.isArray(value) ? value.join(", ") : value;
    const name = hostName(header);
    if (name !== undefined && isAllowed(name)) return undefined;
    return new ConnectError(
      "permission_denied",
      `Host ${JSON.stringify(header.slice(0, 100))} is not allowed: this server answers ` +
        "loopback names, IP addresses, names without a dot, and the names given with " +
        "--allowed-hosts (env ALLOWED_HOSTS)",
    );
  };
}

function matchHost(allowedHosts: readonly string[]): (name: string) => boolean {
  if (allowedHosts.includes("*")) return () => true;
  const exact = new Set<string>();
  const domains: string[] = [];
  for (const entry of allowedHosts) {
    const host = entry.toLowerCase();
    if (host.startsWith(".")) domains.push(host);
    else exact.add(host);
  }
  return (name) => {
    if (isBuiltIn(name)) return true;
    // `example.com.` is the same name as `example.com`, written fully qualified.
    const bare = name.endsWith(".") ? name.slice(0, -1) : name;
    return exact.has(bare) || domains.some((d) => bare === d.slice(1) || bare.endsWith(d));
  };
}

const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)";
// Four decimal octets without leading zeros, as node:net's isIPv4 reads them.
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

// The URL parser knows the IPv6 grammar (compressed forms, an embedded IPv4 tail) on every platform.
function isIPv6(address: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(address)) return false;
  try {
    new URL(`http://[${address}]/`);
    return true;
  } catch {
    return false;
  }
}

function isBuiltIn(name: string): boolean {
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  if (bare === "localhost" || bare.endsWith(".localhost")) return true;
  if (IPV4.test(name)) return true;
  if (name.startsWith("[") && name.endsWith("]")) return isIPv6(name.slice(1, -1));
  // A dotless name resolves only through local means (hosts file, search domains, a
  // container network); `ai.`, fully qualified, is a top-level domain and is not let through.
  return !name.includes(".") && !name.includes(":");
}

/**
 * The lower-case name of a Host header without its port (IPv6 addresses keep brackets);
 * undefined when it is no host at all (empty, or a bracketed IPv6 address left open).
 */
export function hostName(header: string): string | undefined {
  let host = header.trim().toLowerCase();
  if (host.startsWith("[")) {
    const end = host.indexOf("]");
    if (end < 0) return undefined;
    host = host.slice(0, end + 1);
  } else {
    const colon = host.indexOf(":");
    if (colon >= 0) host = host.slice(0, colon);
  }
  return host === "" ? undefined : host;
}
