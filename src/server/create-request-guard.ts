import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "pino";
import { checkControlBody } from "./check-control-body.js";
import { checkControlOrigin } from "./check-control-origin.js";
import { checkHost } from "./check-host.js";

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
export function createRequestGuard(options: GuardOptions = {}) {
  const checks = [
    checkHost(options.allowedHosts ?? [], options.logger),
    checkControlOrigin(options.adminOrigins ?? [], options.logger),
    checkControlBody(options.logger),
  ];
  return (req: IncomingMessage, res: ServerResponse): boolean =>
    checks.every((check) => check(req, res));
}
