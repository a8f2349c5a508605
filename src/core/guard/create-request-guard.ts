import type { ConnectError } from "../../errors/connect-error.js";
import type { CoreRequest } from "../../protocol/exchange.js";
import type { SortedTarget } from "../sort-request.js";
import { checkControlBody } from "./check-control-body.js";
import { checkControlOrigin } from "./check-control-origin.js";
import { checkHost } from "./check-host.js";

/** The error to answer a request with before routing it, or undefined when it may go on. */
export type RequestGuard = (request: CoreRequest, target: SortedTarget) => ConnectError | undefined;

export interface GuardOptions {
  /** Host names allowed beyond loopback names, IP literals and dotless names. */
  allowedHosts?: readonly string[];
  /** Origins, besides its own, whose pages may use the control plane. */
  adminOrigins?: readonly string[];
  /**
   * Whether to check Host and the page's origin (default true): they stop DNS rebinding and
   * foreign pages, which cannot reach a mock that serves no network (createFetchMock).
   */
  networkChecks?: boolean;
}

/**
 * The checks every request passes once, at the core's one entry, before it is routed: Host
 * (its grammar, once, then DNS rebinding), then for the control plane the page's origin and
 * the body's content type.
 * It reads the same sorted target routing then uses, so what it lets through is what is served.
 */
export function createRequestGuard(options: GuardOptions = {}): RequestGuard {
  const host = checkHost(options.allowedHosts ?? []);
  const origin = checkControlOrigin(options.adminOrigins ?? []);
  if (options.networkChecks === false) {
    return (request, target) => (target.kind === "control" ? checkControlBody(request) : undefined);
  }
  return (request, target) => {
    const refusal = host(request);
    if (refusal || target.kind !== "control") return refusal;
    return origin(request) ?? checkControlBody(request);
  };
}
