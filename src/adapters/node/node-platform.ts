import { gunzipSync, gzipSync } from "node:zlib";
import {
  gunzipFailure,
  inflatedTooLarge,
  type WirePlatform,
} from "../../protocol/wire-platform.js";

/**
 * gzip and UTF-8 the Node way: zlib's synchronous calls keep a gzipped answer on the request's
 * own turn (no promise, no thread hop), and Buffer.from encodes UTF-8 faster than
 * TextEncoder. Limits and errors are the web platform's (WEB_PLATFORM), so a gzip bomb or bad
 * data ends the same whichever platform serves it.
 */
export const NODE_PLATFORM: WirePlatform = {
  gzip: (bytes) => gzipSync(bytes),
  gunzip(bytes, limit) {
    try {
      return gunzipSync(bytes, { maxOutputLength: limit });
    } catch (error) {
      if ((error as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
        throw inflatedTooLarge(limit);
      throw gunzipFailure((error as Error).message);
    }
  },
  encodeText: (text) => Buffer.from(text),
};
