import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { RPC_PATH_PREFIX } from "../contract/load-contract.js";
import { inferCodeFromStatus } from "../protocol/infer-code-from-status.js";

/**
 * Logs the one structured line of a request whose response is done (or abandoned): the RPC
 * (or path), the Connect code, the HTTP status and the latency in milliseconds. `code` is
 * what the server answered; without it the code is read from the status as a client would.
 * `rpc` is the label of the RPC the path names, if it names one; otherwise a path under
 * `/gitpod.v1.` is shown as the `Service/Method` it asks for, and any other path as it is.
 */
export function logRequest(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  startedMs: number,
  code: string | undefined,
  rpc?: string,
): void {
  const ms = performance.now() - startedMs;
  const finished = res.writableFinished;
  const status = finished ? res.statusCode : 499;
  const answered = finished ? (code ?? inferCodeFromStatus(status)) : "canceled";
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const line = {
    rpc: rpc ?? (path.startsWith(RPC_PATH_PREFIX) ? path.slice(RPC_PATH_PREFIX.length) : path),
    code: answered,
    status,
    ms: Math.round(ms * 1000) / 1000,
    method: req.method,
  };
  const message = `${line.rpc} ${answered}`;
  if (status >= 500) logger.warn(line, message);
  else if (path === "/healthz") logger.debug(line, message);
  else logger.info(line, message);
}
