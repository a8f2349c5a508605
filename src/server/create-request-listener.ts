import type { RequestListener } from "node:http";
import type { NodeHandler } from "../rpc/create-rpc-handler.js";
import type { RequestGuard } from "./create-request-guard.js";
import { canonicalTarget, sortTarget } from "./sort-target.js";

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
    // Every part reads the target in one form, so none can read it another way than routing.
    req.url = canonicalTarget(req.url ?? "/");
    // Host (DNS rebinding), then the control plane's origin and content type: refused
    // requests are answered here and reach neither side.
    if (!guard(req, res)) return;
    if (sortTarget(req.url) === "rpc") handleRpc(req, res);
    else app(req, res);
  };
}
