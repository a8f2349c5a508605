import type { RequestListener } from "node:http";
import { type NodeHandler, RPC_PREFIX } from "../rpc/create-rpc-handler.js";

/**
 * The one entry point of every request the listening server takes: paths under
 * `/gitpod.v1.PrebuildService/` go straight to the RPC handler, everything else (/_admin,
 * /healthz, the dashboard, unknown paths) to the Express app. Checks that apply to every
 * request, whatever serves it, belong here, before the split.
 */
export function createRequestListener(handleRpc: NodeHandler, app: NodeHandler): RequestListener {
  return (req, res) => {
    if (req.url?.startsWith(RPC_PREFIX)) handleRpc(req, res);
    else app(req, res);
  };
}
