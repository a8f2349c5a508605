import type { IncomingMessage } from "node:http";
import getRawBody from "raw-body";
import { ConnectError } from "../../errors/connect-error.js";
import { bodyTooLarge, clientGone } from "../../protocol/exchange.js";

/** Reads a request body up to `limit` bytes; a larger one is `resource_exhausted`, as in connect-go. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  try {
    return await getRawBody(req, { limit });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") throw bodyTooLarge(limit);
    if (type === "request.aborted") throw clientGone();
    throw new ConnectError(
      "invalid_argument",
      `cannot read request body: ${(error as Error).message}`,
    );
  }
}
