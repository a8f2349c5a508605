import type { ServerResponse } from "node:http";
import type { Logger } from "pino";
import { ConnectError } from "../protocol/connect-error.js";
import { loadErrorDetails, serializeError } from "../protocol/serialize-error.js";
import { noteConnectCode } from "./log-requests.js";

/**
 * Writes anything thrown as a Connect error response: the one error writer of the server,
 * for Express handlers and plain node:http ones alike. Errors that are not ConnectErrors are
 * logged (they are bugs) and answered as `internal` without their text.
 */
export async function sendError(
  res: ServerResponse,
  error: unknown,
  logger: Logger | undefined,
): Promise<void> {
  await loadErrorDetails(error);
  if (!(error instanceof ConnectError)) {
    if (logger) logger.error({ err: error }, "unexpected error while serving a request");
    else console.error("unexpected error while serving a request:", error);
  }
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const { status, body } = serializeError(error);
  noteConnectCode(res, body.code);
  const text = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json");
  res.setHeader("Content-Length", text.length);
  if (error instanceof ConnectError) {
    for (const [name, value] of Object.entries(error.metadata)) res.setHeader(name, value);
  }
  res.end(text);
}
