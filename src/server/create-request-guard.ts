import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { checkControlBody } from "./check-control-body.js";
import { checkControlOrigin } from "./check-control-origin.js";
import { checkHost } from "./check-host.js";

/** Whether a request may go on; when not, the guard has answered it. */
export type RequestGuard = (req: IncomingMessage, res: ServerResponse) => boolean;

export interface GuardOptions {
  /** Host names allowed beyond loopback names, IP literals and dotless names. */
  allowedHosts?: readonly string[];
  /** Origins, besides its own, whose pages may use the control plane. */
  adminOrigins?: readonly string[];
  logger?: Logger;
}

/**
 * The checks every request passes before it is routed, in order: Host (DNS rebinding), then
 * for the control plane the page's origin and the body's content type. Meant for the
 * server's one entry, ahead of the split between RPC handler and Express. Returns whether
 * the request may go on; when not, it has been answered.
 */
export function createRequestGuard(options: GuardOptions = {}): RequestGuard {
  const checks = [
    checkHost(options.allowedHosts ?? [], options.logger),
    checkControlOrigin(options.adminOrigins ?? [], options.logger),
    checkControlBody(options.logger),
  ];
  const { logger } = options;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (checks.every((check) => check(req, res))) return true;
    // Refused before any handler, so no request log line would tell the operator otherwise.
    logger?.warn(
      {
        method: req.method,
        url: req.url?.slice(0, 200),
        host: req.headers.host,
        origin: req.headers.origin,
        status: res.statusCode,
      },
      "request refused before routing",
    );
    return false;
  };
}
