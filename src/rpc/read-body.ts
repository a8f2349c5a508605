import type { IncomingMessage } from "node:http";
import getRawBody from "raw-body";
import { ConnectError, DO_NOT_RETRY } from "../errors/connect-error.js";

/** Reads a request body up to `limit` bytes; a larger one is `resource_exhausted`, as in connect-go. */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  try {
    return await getRawBody(req, { limit });
  } catch (error) {
    const type = (error as { type?: string }).type;
    if (type === "entity.too.large") {
      throw new ConnectError(
        "resource_exhausted",
        `request body is larger than the limit of ${limit} bytes`,
        [],
        // The rest of the body is never read; closing keeps the connection from stalling.
        { ...DO_NOT_RETRY, Connection: "close" },
      );
    }
    if (type === "request.aborted") throw new ConnectError("canceled", "client closed the request");
    throw new ConnectError(
      "invalid_argument",
      `cannot read request body: ${(error as Error).message}`,
    );
  }
}
