import { RPC_PATH_PREFIX } from "../contract/load-contract.js";
import type { ErrorLogger } from "../protocol/answer-error.js";
import { inferCodeFromStatus } from "../protocol/infer-code-from-status.js";

/**
 * What the mock logs through: the four methods of a pino logger it calls, each with a record
 * and a message. A pino Logger is one; the CLI hands in its own, which writes request lines
 * without pino's per-call serialisation (src/logging/create-logger.ts).
 */
export interface MockLogger extends ErrorLogger {
  warn(record: object, message: string): void;
  info(record: object, message: string): void;
  debug(record: object, message: string): void;
}

/** The one structured line of a request. */
export interface RequestLine {
  /** The RPC's method name, or the path of anything else. */
  rpc: string;
  code: string;
  status: number;
  ms: number;
  method: string;
}

/**
 * Logs the one line of an answered request: the RPC (or path), the Connect code, the HTTP
 * status and the latency in milliseconds. `code` is what the mock answered; without it the
 * code is read from the status as a client would. `rpc` is the label of the RPC the path
 * names, if it names one; otherwise a path under `/gitpod.v1.` is shown as the
 * `Service/Method` it asks for, and any other path as it is. 5xx is a warning; /healthz is debug.
 */
export function logRequest(
  logger: MockLogger,
  method: string,
  path: string,
  status: number,
  startedMs: number,
  code: string | undefined,
  rpc?: string,
): void {
  const ms = performance.now() - startedMs;
  const answered = code ?? inferCodeFromStatus(status);
  const name =
    rpc ?? (path.startsWith(RPC_PATH_PREFIX) ? path.slice(RPC_PATH_PREFIX.length) : path);
  const line: RequestLine = {
    rpc: name,
    code: answered,
    status,
    ms: Math.round(ms * 1000) / 1000,
    method,
  };
  const message = `${name} ${answered}`;
  if (status >= 500) logger.warn(line, message);
  else if (path === "/healthz") logger.debug(line, message);
  else logger.info(line, message);
}
