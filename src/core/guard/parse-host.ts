/**
 * A Host header's parts: the name in lower case (an IPv6 address in brackets), what kind of
 * name it is, and the port.
 */
export interface HostParts {
  name: string;
  kind: "name" | "ipv4" | "ipv6";
  port?: number;
}

// Four decimal octets, no leading zeros (a browser never sends `127.0.0.01`).
const OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** Whether text is an IPv4 address in dotted-decimal form. */
export function isIPv4Address(text: string): boolean {
  return IPV4.test(text);
}

/** Whether text (without brackets) is an IPv6 address, as a browser's URL parser reads one. */
export function isIPv6Address(text: string): boolean {
  if (!/^[0-9a-f:.]+$/i.test(text) || !text.includes(":")) return false;
  try {
    return new URL(`http://[${text}]/`).hostname.startsWith("[");
  } catch {
    return false;
  }
}

// RFC 3986's reg-name as browsers send it: letters, digits, `-`, `.`, `_`, `~` (no escapes, no
// sub-delims; a browser sends an international name as punycode), in non-empty labels, with
// an optional trailing dot.
const REG_NAME = /^(?:[a-z0-9_~-]+\.)*[a-z0-9_~-]+\.?$/;
// A last label that is a number makes a browser read the name as an IPv4 address.
const NUMERIC_LABEL = /(?:^|\.)(?:\d+|0x[0-9a-f]*)\.?$/;
const PORT = /^\d{1,5}$/;
const MAX_NAME = 253;

/**
 * Parses a Host header value by the strict `host[:port]` grammar: a registered name, an IPv4
 * address, or an IPv6 address in brackets (no zone), then an optional port of digits from 1
 * to 65535. Undefined for anything else: `localhost:4010.evil.com`, `[::1]evil.com`,
 * `localhost:`, `a..b`, `999.1.1.1`, spaces, commas (two headers joined).
 */
export function parseHost(value: string): HostParts | undefined {
  let name: string;
  let kind: HostParts["kind"] = "name";
  let rest: string;
  if (value.startsWith("[")) {
    const end = value.indexOf("]");
    if (end < 0 || !isIPv6Address(value.slice(1, end))) return undefined;
    name = value.slice(0, end + 1).toLowerCase();
    kind = "ipv6";
    rest = value.slice(end + 1);
  } else {
    const colon = value.indexOf(":");
    name = (colon < 0 ? value : value.slice(0, colon)).toLowerCase();
    rest = colon < 0 ? "" : value.slice(colon);
    if (name.length > MAX_NAME + (name.endsWith(".") ? 1 : 0) || !REG_NAME.test(name)) {
      return undefined;
    }
    if (NUMERIC_LABEL.test(name)) {
      if (!isIPv4Address(name.replace(/\.$/, ""))) return undefined;
      kind = "ipv4";
    }
  }
  if (rest === "") return { name, kind };
  const port = rest.slice(1);
  if (rest[0] !== ":" || !PORT.test(port) || Number(port) < 1 || Number(port) > 65_535) {
    return undefined;
  }
  return { name, kind, port: Number(port) };
}

/** The Host header of a request as its raw header list has it, or what is wrong with it. */
export type HostHeader =
  | { kind: "absent" }
  | { kind: "host"; host: HostParts; value: string }
  | { kind: "invalid"; value: string }
  | { kind: "repeated"; count: number };

/**
 * Reads the Host header from a raw header list (name, value, name, value, … as Node's
 * `rawHeaders`): Node's `headers.host` keeps only the first of several, which a proxy in
 * front may have read differently, so a repeated Host is reported, not resolved.
 */
export function readHostHeader(rawHeaders: readonly string[]): HostHeader {
  let value: string | undefined;
  let count = 0;
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] as string;
    if (name.length === 4 && name.toLowerCase() === "host") {
      count++;
      value ??= rawHeaders[i + 1] ?? "";
    }
  }
  if (count > 1) return { kind: "repeated", count };
  if (value === undefined) return { kind: "absent" };
  const host = parseHost(value);
  return host ? { kind: "host", host, value } : { kind: "invalid", value };
}
