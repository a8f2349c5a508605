import { ConnectError } from "../../errors/connect-error.js";
import type { CoreRequest } from "../../protocol/exchange.js";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Checks that a control-plane call able to change state carries a JSON body or none. A form
 * or `text/plain` post is a request a browser sends from any page without asking first (no
 * preflight); refusing every other content type, even with an empty body, keeps such a post
 * from reaching an action. Call it for control-plane requests only. Returns the
 * `invalid_argument` error to answer, or undefined when the request may go on.
 */
export function checkControlBody(request: CoreRequest): ConnectError | undefined {
  if (READS.has(request.method)) return undefined;
  const header = request.headers["content-type"];
  const type = Array.isArray(header) ? header.join(", ") : header;
  const mediaType = type?.split(";", 1)[0]?.trim().toLowerCase();
  if (mediaType === "application/json") return undefined;
  if (type === undefined && !hasBody(request)) return undefined;
  return new ConnectError(
    "invalid_argument",
    `admin calls that change state take a JSON body (Content-Type: application/json) or none, got ${
      type === undefined ? "a body without Content-Type" : JSON.stringify(type.slice(0, 100))
    }`,
  );
}

function hasBody({ headers }: CoreRequest): boolean {
  const length = headers["content-length"];
  return headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
