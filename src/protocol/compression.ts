import { ConnectError } from "../errors/connect-error.js";
import type { WirePlatform } from "./wire-platform.js";

/** The message compressions the mock speaks, in the order it advertises them. */
export const COMPRESSIONS = ["identity", "gzip"] as const;
export type Compression = (typeof COMPRESSIONS)[number];

/**
 * Reads a Content-Encoding header or a GET `compression` parameter; absent means identity.
 * An unknown one is `unimplemented` naming the supported ones, as connect-go answers.
 */
export function parseCompression(value: string | undefined): Compression {
  const name = (value ?? "").trim().toLowerCase();
  if (name === "") return "identity";
  if ((COMPRESSIONS as readonly string[]).includes(name)) return name as Compression;
  throw new ConnectError(
    "unimplemented",
    `unknown compression "${value}": supported encodings are ${COMPRESSIONS.join(", ")}`,
  );
}

/**
 * Undoes a request's compression. An empty body stays empty (a valid proto message), and the
 * size limit applies to the message as sent and once decompressed, so a GET message in the
 * URL and a small gzip bomb are both held to it (`resource_exhausted`).
 */
export function decompressBody(
  body: Uint8Array,
  compression: Compression,
  limit: number,
  platform: Pick<WirePlatform, "gunzip">,
): Uint8Array | Promise<Uint8Array> {
  if (body.length > limit) {
    throw new ConnectError(
      "resource_exhausted",
      `message is larger than the limit of ${limit} bytes`,
    );
  }
  if (compression === "identity" || body.length === 0) return body;
  return platform.gunzip(body, limit);
}

/** Tells whether an Accept-Encoding header lets the response be gzipped (q=0 refuses it). */
export function acceptsGzip(header: string | undefined): boolean {
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim().toLowerCase());
    if (name !== "gzip" && name !== "*") continue;
    const q = params.find((p) => p.startsWith("q="));
    return q === undefined || Number(q.slice(2)) > 0;
  }
  return false;
}
