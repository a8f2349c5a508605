import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { SERVICE_NAME } from "../contract/load-contract.js";
import { inferCodeFromStatus } from "../protocol/infer-code-from-status.js";

const RPC_PREFIX = `/${SERVICE_NAME}/`;

/**
 * Logs the one structured line of a request whose response is done (or abandoned): the RPC
 * (or path), the Connect code, the HTTP status and the latency in milliseconds. `code` is
 * what the server answered; without it the code is read from the status as a client would.
 */
export function logRequest(
  logger: Logger,
  req: IncomingMessage,
  res: ServerResponse,
  startedMs: number,
  code: string | undefined,
): void {
  const ms = performance.now() - startedMs;
  const finished = res.writableFinished;
  const status = finished ? res.statusCode : 499;
  const answered = finished ? (code ?? inferCodeFromStatus(status)) : "canceled";
  const url = req.url ?? "";
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  const rpc = path.startsWith(RPC_PREFIX) ? path.slice(RPC_PREFIX.length) : path;
  const line = {
    rpc,
    code: answered,
    status,
    ms: Math.round(ms * 1000) / 1000,
    method: req.method,
  };
  if (status >= 500) logger.warn(line, `${rpc} ${answered}`);
  else if (path === "/healthz") logger.debug(line, `${rpc} ${answered}`);
  else logger.info(line, `${rpc} ${answered}`);
}
