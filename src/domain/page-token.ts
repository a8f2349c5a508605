import { ConnectError } from "../errors/connect-error.js";

const PREFIX = "wp1.";

/** Encodes a list position (the seq of the last pool returned) as an opaque token. */
export function createPageToken(afterSeq: number): string {
  return PREFIX + Buffer.from(JSON.stringify({ after: afterSeq })).toString("base64url");
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
    decoded = JSON.parse(Buffer.from(token.slice(PREFIX.length), "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const after = (decoded as { after?: unknown } | null)?.after;
  if (typeof after !== "number" || !Number.isSafeInteger(after) || after < 0) throw invalid();
  if (createPageToken(after) !== token) throw invalid();
  return after;
}
