import type { RequestListener } from "node:http";
import { type NodeHandler, RPC_PREFIX } from "../rpc/create-rpc-handler.js";
import type { RequestGuard } from "./create-request-guard.js";

/**
 * The one entry point of every request the listening server takes: paths under
 * `/gitpod.v1.PrebuildService/` go straight to the RPC handler, everything else (/_admin,
 * /healthz, the dashboard, unknown paths) to the Express app. Checks that apply to every
 * request, whatever serves it, belong here, before the split.
 */
export function createRequestListener(
  guard: RequestGuard,
  handleRpc: NodeHandler,
  app: NodeHandler,
): RequestListener {
  return (req, res) => {
    // Host (DNS rebinding), then the control plane's origin and content type: refused
    // requests are answered here and reach neither side.
    if (!guard(req, res)) return;
    if (req.url?.startsWith(RPC_PREFIX)) handleRpc(req, res);
    else app(req, res);
  };
}
