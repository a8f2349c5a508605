import { acceptsGzip } from "./compression.js";
import { CODEC_CONTENT_TYPE, type Codec } from "./connect-content-type.js";
import type { CoreAnswer, HeaderValue } from "./exchange.js";
import type { WirePlatform } from "./wire-platform.js";

/**
 * The answer of a unary call with its encoded message: gzipped when the client accepts it,
 * its headers one prepared list (an adapter hands it to writeHead as it is). `vary` names the
 * request headers the answer already depends on (CORS's `Origin`); `Accept-Encoding` is added
 * to it. `prefix` are headers that go first (CORS grants).
 */
export function answerMessage(
  acceptEncoding: HeaderValue,
  codec: Codec,
  message: Uint8Array,
  vary: string,
  platform: Pick<WirePlatform, "gzip">,
  prefix?: readonly string[],
): CoreAnswer | Promise<CoreAnswer> {
  const contentType = CODEC_CONTENT_TYPE[codec];
  const varies = vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
  if (!acceptsGzip(typeof acceptEncoding === "string" ? acceptEncoding : acceptEncoding?.join())) {
    const headers = [
      "Content-Type",
      contentType,
      "Vary",
      varies,
      "Content-Length",
      `${message.length}`,
    ];
    return { status: 200, headers: prefix ? [...prefix, ...headers] : headers, body: message };
  }
  const gzipped = (body: Uint8Array): CoreAnswer => {
    const headers = [
      "Content-Type",
      contentType,
      "Vary",
      varies,
      "Content-Encoding",
      "gzip",
      "Content-Length",
      `${body.length}`,
    ];
    return { status: 200, headers: prefix ? [...prefix, ...headers] : headers, body };
  };
  const body = platform.gzip(message);
  return body instanceof Promise ? body.then(gzipped) : gzipped(body);
}
