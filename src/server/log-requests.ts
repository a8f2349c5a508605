import type { ServerResponse } from "node:http";
import type { RequestHandler, Response } from "express";
import type { Logger } from "pino";
import { inferCodeFromStatus } from "../protocol/infer-code-from-status.js";

const RPC_PREFIX = "/gitpod.v1.PrebuildService/";

/** Records the Connect code a handler answered with, for the request log line. */
export function noteConnectCode(res: ServerResponse, code: string): void {
  // Only responses that went through Express carry locals, and only those are logged.
  const locals = (res as Partial<Response>).locals;
  if (locals) locals.connectCode = code;
}

/**
 * Logs one structured line per request once its response is done (or abandoned): the RPC,
 * the Connect code, the HTTP status and the latency in milliseconds.
 */
export function logRequests(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once("close", () => {
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const finished = res.writableFinished;
      const status = finished ? res.statusCode : 499;
      const code = finished
        ? ((res.locals.connectCode as string | undefined) ?? inferCodeFromStatus(status))
        : "canceled";
      const rpc = req.path.startsWith(RPC_PREFIX) ? req.path.slice(RPC_PREFIX.length) : req.path;
      const line = { rpc, code, status, ms: Math.round(ms * 1000) / 1000, method: req.method };
      if (status >= 500) logger.warn(line, `${rpc} ${code}`);
      else if (req.path === "/healthz") logger.debug(line, `${rpc} ${code}`);
      else logger.info(line, `${rpc} ${code}`);
    });
    next();
  };
}
