import { ConnectError } from "../../errors/connect-error.js";
import type { CoreRequest, HeaderValue } from "../../protocol/exchange.js";
import { parseExplicitOrigins } from "./parse-explicit-origin.js";

/**
 * Builds the check that keeps the control plane (/_admin, /_dashboard) same-origin: a request
 * a browser sends for a page on another origin is refused before anything acts on it, unless
 * that origin is listed in `adminOrigins` (explicit origins, no patterns). Browsers name the page in `Origin` (sent on every
 * cross-origin request but top-level GETs) and say where it stands in `Sec-Fetch-Site`; a
 * request with neither (curl, SDKs, scripts) is no browser's and goes on. `Origin: null`
 * (sandboxed frames, `file:` pages, cross-site redirects) is never trusted. A top-level GET
 * navigation (a link to the dashboard from another page) is let through: it cannot change
 * anything and its answer goes to the user's tab, not to the page that linked it.
 *
 * Call it for control-plane requests only, after the Host check: `Origin` is compared with
 * `Host`, which rebinding would forge. Returns the `permission_denied` error to answer, or
 * undefined when the request may go on.
 */
export function checkControlOrigin(adminOrigins: readonly string[]) {
  // Explicit origins only; a pattern given in code is as wrong as one on the command line.
  const listed = new Set(parseExplicitOrigins(adminOrigins));
  const isListed = (origin: string) => listed.size > 0 && listed.has(serializeOrigin(origin));
  return (request: CoreRequest): ConnectError | undefined => {
    const { headers } = request;
    const origin = text(headers.origin);
    const site = text(headers["sec-fetch-site"]);
    let refusal: string | undefined;
    if (origin !== undefined) {
      if (origin === "null") refusal = "Origin null (a sandboxed or file: page)";
      else if (!isSameOrigin(origin, text(headers.host)) && !isListed(origin)) {
        refusal = `Origin ${JSON.stringify(origin.slice(0, 100))}`;
      }
    } else if ((site === "cross-site" || site === "same-site") && !isTopLevelRead(request)) {
      refusal = `a ${site} request (Sec-Fetch-Site)`;
    }
    if (refusal === undefined) return undefined;
    return new ConnectError(
      "permission_denied",
      `${refusal} may not use the control plane: it answers its own origin, and the ` +
        "origins given with --admin-origins (env ADMIN_ORIGINS)",
    );
  };
}

function text(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

function isSameOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  try {
    const page = new URL(origin);
    if (page.protocol !== "http:" && page.protocol !== "https:") return false;
    // Parsed the same way, so default ports and letter case compare equal.
    return page.host === new URL(`${page.protocol}//${host}`).host;
  } catch {
    return false;
  }
}

function isTopLevelRead({ method, headers }: CoreRequest): boolean {
  return (
    (method === "GET" || method === "HEAD") &&
    headers["sec-fetch-mode"] === "navigate" &&
    headers["sec-fetch-dest"] === "document"
  );
}

// An Origin header as browsers serialize it, so a listed origin matches however it was typed.
function serializeOrigin(origin: string): string {
  try {
    return new URL(origin).origin;
  } catch {
    return origin;
  }
}
