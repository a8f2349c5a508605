// RFC 3986's URI, with RFC 6874's zone identifiers in IPv6 literals: what protovalidate's
// `string.uri` rule accepts. Written from the RFCs' grammar; src/contract/is-uri.test.ts holds
// it against @bufbuild/protovalidate's own check.

const HEX = "[0-9A-Fa-f]";
const PCT = `%${HEX}{2}`;
const UNRESERVED = "A-Za-z0-9\\-._~";
const SUB_DELIMS = "!$&'()*+,;=";
const PCHAR = `(?:[${UNRESERVED}${SUB_DELIMS}:@]|${PCT})`;

const SCHEME = /^[A-Za-z][A-Za-z0-9+\-.]*$/;
const USERINFO = new RegExp(`^(?:[${UNRESERVED}${SUB_DELIMS}:]|${PCT})*$`);
const REG_NAME = new RegExp(`^(?:[${UNRESERVED}${SUB_DELIMS}]|${PCT})*$`);
const PORT = /^[0-9]*$/;
const SEGMENT = new RegExp(`^${PCHAR}*$`);
const QUERY_OR_FRAGMENT = new RegExp(`^(?:${PCHAR}|[/?])*$`);
const IPV_FUTURE = new RegExp(`^[vV]${HEX}+\\.[${UNRESERVED}${SUB_DELIMS}:]+$`);
const ZONE_ID = new RegExp(`^(?:[${UNRESERVED}]|${PCT})+$`);
const H16 = /^[0-9A-Fa-f]{1,4}$/;
const DEC_OCTET = /^(?:[0-9]|[1-9][0-9]|1[0-9]{2}|2[0-4][0-9]|25[0-5])$/;

/** Tells whether a string is an absolute URI (scheme, then the rest) as RFC 3986 defines it. */
export function isUri(value: string): boolean {
  const colon = value.indexOf(":");
  if (colon < 0 || !SCHEME.test(value.slice(0, colon))) return false;
  let rest = value.slice(colon + 1);
  const hash = rest.indexOf("#");
  if (hash >= 0) {
    if (!QUERY_OR_FRAGMENT.test(rest.slice(hash + 1))) return false;
    rest = rest.slice(0, hash);
  }
  const question = rest.indexOf("?");
  if (question >= 0) {
    if (!QUERY_OR_FRAGMENT.test(rest.slice(question + 1))) return false;
    rest = rest.slice(0, question);
  }
  return isHierPart(rest);
}

// hier-part = "//" authority path-abempty / path-absolute / path-rootless / path-empty
function isHierPart(text: string): boolean {
  if (text.startsWith("//")) {
    const afterSlashes = text.slice(2);
    const slash = afterSlashes.indexOf("/");
    const authority = slash < 0 ? afterSlashes : afterSlashes.slice(0, slash);
    const path = slash < 0 ? "" : afterSlashes.slice(slash);
    return isAuthority(authority) && isPath(path);
  }
  // path-absolute may not begin with "//" (handled above); path-rootless and path-empty
  // are segments separated by slashes.
  return isPath(text);
}

function isPath(path: string): boolean {
  return path.split("/").every((segment) => SEGMENT.test(segment));
}

// authority = [ userinfo "@" ] host [ ":" port ]
function isAuthority(authority: string): boolean {
  let hostAndPort = authority;
  const at = authority.indexOf("@");
  if (at >= 0) {
    if (!USERINFO.test(authority.slice(0, at))) return false;
    hostAndPort = authority.slice(at + 1);
  }
  let host: string;
  let port = "";
  if (hostAndPort.startsWith("[")) {
    const close = hostAndPort.indexOf("]");
    if (close < 0) return false;
    host = hostAndPort.slice(0, close + 1);
    const after = hostAndPort.slice(close + 1);
    if (after !== "") {
      if (!after.startsWith(":")) return false;
      port = after.slice(1);
    }
    if (!isIpLiteral(host.slice(1, -1))) return false;
  } else {
    const colon = hostAndPort.indexOf(":");
    host = colon < 0 ? hostAndPort : hostAndPort.slice(0, colon);
    port = colon < 0 ? "" : hostAndPort.slice(colon + 1);
    if (!REG_NAME.test(host) || !decodesAsUtf8(host)) return false;
  }
  return PORT.test(port);
}

// IP-literal = "[" ( IPv6address / IPv6addrz / IPvFuture ) "]"; IPv6addrz = IPv6address "%25" ZoneID
function isIpLiteral(inner: string): boolean {
  if (IPV_FUTURE.test(inner)) return true;
  const zone = inner.indexOf("%25");
  if (zone >= 0) {
    const id = inner.slice(zone + 3);
    return isIpv6(inner.slice(0, zone)) && ZONE_ID.test(id) && decodesAsUtf8(id);
  }
  return isIpv6(inner);
}

/** RFC 3986's IPv6address: eight 16-bit groups, `::` standing for one or more, an IPv4 tail. */
function isIpv6(text: string): boolean {
  const halves = text.split("::");
  if (halves.length > 2) return false;
  const groups = (part: string): string[] | undefined => {
    if (part === "") return [];
    const items = part.split(":");
    return items.every((item) => item !== "") ? items : undefined;
  };
  const head = groups(halves[0] ?? "");
  const tail = halves.length === 2 ? groups(halves[1] ?? "") : [];
  if (!head || !tail) return false;
  const all = [...head, ...tail];
  let count = 0;
  for (const [i, group] of all.entries()) {
    if (H16.test(group)) count += 1;
    else if (i === all.length - 1 && isIpv4(group)) count += 2;
    else return false;
  }
  return halves.length === 2 ? count <= 7 : count === 8;
}

function isIpv4(text: string): boolean {
  const octets = text.split(".");
  return octets.length === 4 && octets.every((octet) => DEC_OCTET.test(octet));
}

// Percent-encoding in a host or zone must spell UTF-8 (RFC 3986 section 3.2.2).
function decodesAsUtf8(text: string): boolean {
  if (!text.includes("%")) return true;
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
