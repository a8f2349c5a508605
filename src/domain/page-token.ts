import { ConnectError } from "../errors/connect-error.js";

const PREFIX = "wp1.";

/** Encodes a list position (the seq of the last pool returned) as an opaque token. */
export function createPageToken(afterSeq: number): string {
  // The JSON is ASCII, so btoa's one-byte-per-character reading is its UTF-8.
  const base64 = btoa(JSON.stringify({ after: afterSeq }));
  return PREFIX + base64.replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** Reads a token made by createPageToken; anything else is `invalid_argument`. */
export function parsePageToken(token: string): number {
  const invalid = () =>
    new ConnectError(
      "invalid_argument",
      `invalid page token ${JSON.stringify(token.slice(0, 80))}`,
    );
  if (!token.startsWith(PREFIX)) throw invalid();
  let decoded: unknown;
  try {
    const text = token.slice(PREFIX.length).replaceAll("-", "+").replaceAll("_", "/");
    // atob refuses what is not base64; a token that decodes to other text fails the round trip.
    decoded = JSON.parse(atob(text.padEnd(Math.ceil(text.length / 4) * 4, "=")));
  } catch {
    throw invalid();
  }
  const after = (decoded as { after?: unknown } | null)?.after;
  if (typeof after !== "number" || !Number.isSafeInteger(after) || after < 0) throw invalid();
  if (createPageToken(after) !== token) throw invalid();
  return after;
}
