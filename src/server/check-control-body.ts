import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { ConnectError } from "../errors/connect-error.js";
import { writeError } from "../protocol/write-error.js";
import { targetsControlPlane } from "./control-plane-paths.js";

const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Builds the check that control-plane calls able to change state carry a JSON body or none.
 * A form or `text/plain` post is a request a browser sends from any page without asking
 * first (no preflight); refusing every other content type, even with an empty body, keeps
 * such a post from reaching an action. Returns whether the request may go on; when not, it
 * has been answered `invalid_argument`.
 */
export function checkControlBody(logger?: Logger) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (READS.has(req.method ?? "GET") || !targetsControlPlane(req.url ?? "/")) return true;
    const type = req.headers["content-type"];
    const mediaType = type?.split(";", 1)[0]?.trim().toLowerCase();
    if (mediaType === "application/json") return true;
    if (type === undefined && !hasBody(req)) return true;
    writeError(
      res,
      new ConnectError(
        "invalid_argument",
        `admin calls that change state take a JSON body (Content-Type: application/json) or none, got ${
          type === undefined ? "a body without Content-Type" : JSON.stringify(type.slice(0, 100))
        }`,
      ),
      // A control-plane answer, like every answer of /_admin: never sniffed into markup.
      { logger, headers: ["X-Content-Type-Options", "nosniff"] },
    );
    return false;
  };
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}
