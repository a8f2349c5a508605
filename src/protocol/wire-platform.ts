import { ConnectError } from "../errors/connect-error.js";

/**
 * What the wire needs from the platform it runs on. The defaults (WEB_PLATFORM) are web
 * standards every runtime has; the node:http adapter hands in zlib's synchronous gzip and
 * Buffer's UTF-8 encoder, which cost less per request (docs/decisions/2026-12-05-one-core.md).
 * Either way a gzip bomb and bad gzip data end the same: `resource_exhausted` past `limit`
 * bytes, `invalid_argument` for data that is no gzip.
 */
export interface WirePlatform {
  /** Gzips an answer body. */
  gzip(bytes: Uint8Array): Uint8Array | Promise<Uint8Array>;
  /** Inflates a request message of at most `limit` bytes once inflated; see gunzipFailure. */
  gunzip(bytes: Uint8Array, limit: number): Uint8Array | Promise<Uint8Array>;
  /** UTF-8 bytes of a text. */
  encodeText(text: string): Uint8Array;
}

/** The error of an inflated message past its limit: every gunzip throws this one. */
export function inflatedTooLarge(limit: number): ConnectError {
  return new ConnectError(
    "resource_exhausted",
    `decompressed message is larger than the limit of ${limit} bytes`,
  );
}

/** The error of data that does not inflate, with what the inflater said. */
export function gunzipFailure(reason: string): ConnectError {
  return new ConnectError("invalid_argument", `cannot gunzip message: ${reason}`);
}

const encoder = new TextEncoder();

/** Web standards only: CompressionStream, DecompressionStream, TextEncoder. */
export const WEB_PLATFORM: WirePlatform = {
  gzip: (bytes) => collect(streamOf(bytes).pipeThrough(new CompressionStream("gzip")), Infinity),
  async gunzip(bytes, limit) {
    try {
      return await collect(streamOf(bytes).pipeThrough(new DecompressionStream("gzip")), limit);
    } catch (error) {
      if (error instanceof ConnectError) throw error;
      throw gunzipFailure((error as Error).message);
    }
  },
  encodeText: (text) => encoder.encode(text),
};

function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

// Reads a stream whole, stopping as soon as it passes `limit`, so a bomb is never inflated.
async function collect(stream: ReadableStream<Uint8Array>, limit: number): Promise<Uint8Array> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      void reader.cancel().catch(() => {});
      throw inflatedTooLarge(limit);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
