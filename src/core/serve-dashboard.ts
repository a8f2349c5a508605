import type { CoreAnswer, CoreRequest } from "../protocol/exchange.js";
import { DASHBOARD_PREFIX } from "./sort-request.js";

/**
 * Reads one of the dashboard's built files by its name under /_dashboard/ (`index.html`,
 * `main.js`), or undefined when there is no such file. The name is always a plain relative
 * path (letters, digits, `.`, `_`, `-` and inner `/`, no dot segment). A platform with files
 * hands this in; without it the page says how to build one.
 */
export type ReadDashboardFile = (name: string) => Uint8Array | undefined;

// The page loads only its own files and talks only to the mock that served it.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

const FILE_HEADERS = [
  "Content-Security-Policy",
  CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options",
  "nosniff",
  // A rebuilt dashboard shows at the next reload; the files are small.
  "Cache-Control",
  "no-cache",
];

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  html: "text/html; charset=utf-8",
  js: "text/javascript; charset=utf-8",
  css: "text/css; charset=utf-8",
  map: "application/json",
  json: "application/json",
  svg: "image/svg+xml",
  png: "image/png",
  ico: "image/x-icon",
};

const SAFE_NAME = /^[A-Za-z0-9][\w.-]*(?:\/[A-Za-z0-9][\w.-]*)*$/;
const encoder = new TextEncoder();
const NOT_BUILT =
  encoder.encode(`<!doctype html><html lang="en"><meta charset="utf-8"><title>warm-pool-mock dashboard</title>
<h1>The dashboard is not built</h1><p>Run <code>npm run build</code>, then reload this page.</p></html>`);

/**
 * Serves the dashboard's built files under /_dashboard/ (index.html, the script and the
 * stylesheet) to GET and HEAD; the bare path redirects to /_dashboard/, since the page's
 * relative asset URLs resolve against it. Without a build, a page says how to make one rather
 * than a bare 404. `headers` go first (CORS).
 */
export function serveDashboard(
  request: CoreRequest,
  path: string,
  read: ReadDashboardFile | undefined,
  headers: readonly string[],
): CoreAnswer {
  if (request.method !== "GET" && request.method !== "HEAD") return bare(404, headers);
  if (path === DASHBOARD_PREFIX) {
    return bare(301, [...headers, "Location", `${DASHBOARD_PREFIX}/`]);
  }
  const name = decodeName(path.slice(DASHBOARD_PREFIX.length + 1)) ?? "";
  if (!SAFE_NAME.test(name)) return bare(404, headers);
  const bytes = read?.(name);
  if (!bytes) {
    return name === "index.html"
      ? file(request, 503, headers, "html", NOT_BUILT)
      : bare(404, headers);
  }
  return file(request, 200, headers, name.slice(name.lastIndexOf(".") + 1), bytes);
}

// The file a path names, its escapes undone as a static file server does (`%6Dain.js` is
// `main.js`); the bare folder is its index. Undefined for escapes that are no UTF-8.
function decodeName(encoded: string): string | undefined {
  try {
    return decodeURIComponent(encoded) || "index.html";
  } catch {
    return undefined;
  }
}

function file(
  request: CoreRequest,
  status: number,
  headers: readonly string[],
  extension: string,
  bytes: Uint8Array,
): CoreAnswer {
  const answer: CoreAnswer = {
    status,
    headers: [
      ...headers,
      ...FILE_HEADERS,
      "Content-Type",
      CONTENT_TYPES[extension] ?? "application/octet-stream",
      "Content-Length",
      `${bytes.length}`,
    ],
  };
  return request.method === "HEAD" ? answer : { ...answer, body: bytes };
}

function bare(status: number, headers: readonly string[]): CoreAnswer {
  return { status, headers: [...headers, "Content-Length", "0"] };
}
