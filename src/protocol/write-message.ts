import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import { acceptsGzip, compressBody } from "./compression.js";
import { CODEC_CONTENT_TYPE, type Codec } from "./connect-content-type.js";

/**
 * Answers a unary call with its encoded message: gzip when the client accepts it, and the
 * headers handed to writeHead in one prepared list (a setHeader call per header costs a
 * validation and a map entry each, on every request). `vary` names the request headers the
 * answer already depends on (CORS's `Origin`); `Accept-Encoding` is added to it.
 */
export function writeMessage(
  headers: IncomingHttpHeaders,
  res: ServerResponse,
  codec: Codec,
  message: Uint8Array,
  vary: string,
): void {
  const contentType = CODEC_CONTENT_TYPE[codec];
  const varies = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
  if (acceptsGzip(headers["accept-encoding"])) {
    const body = compressBody(message);
    res.writeHead(200, [
      "Content-Type",
      contentType,
      "Vary",
      varies,
      "Content-Encoding",
      "gzip",
      "Content-Length",
      `${body.length}`,
    ]);
    res.end(body);
    return;
  }
  res.writeHead(200, [
    "Content-Type",
    contentType,
    "Vary",
    varies,
    "Content-Length",
    `${message.length}`,
  ]);
  res.end(message);
}
