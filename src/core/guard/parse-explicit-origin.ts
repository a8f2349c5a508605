// Scheme, then an authority without credentials, then at most a trailing slash.
const ORIGIN_SHAPE = /^https?:\/\/[^/?#@\\]+\/?$/i;

/**
 * Reads one entry of the control plane's origin list as an explicit origin: `http` or `https`,
 * a host, an optional port, nothing else. Returns it as browsers serialize an `Origin` (lower
 * case, default port dropped), so a listed origin is compared by equality. Throws an Error
 * saying what is wrong with anything broader: any `*` (`*://*`, `http://*`,
 * `http://localhost:*`), `loopback`, `null`, a path, credentials, another scheme.
 */
export function parseExplicitOrigin(entry: string): string {
  if (entry.includes("*") || entry.toLowerCase() === "loopback") {
    throw new Error(
      `expected explicit origins such as http://localhost:5173, not the pattern ${entry}, which lets pages on many origins drive the control plane`,
    );
  }
  if (entry === "null")
    throw new Error("expected real origins; null stands for any sandboxed page");
  let origin: string | undefined;
  try {
    origin = ORIGIN_SHAPE.test(entry) ? new URL(entry).origin : undefined;
  } catch {
    origin = undefined;
  }
  if (origin === undefined || origin === "null") {
    throw new Error(
      `expected an http or https origin (scheme, host, optional port) such as http://localhost:5173, not ${entry}`,
    );
  }
  return origin;
}

/** Reads a list of explicit origins (parseExplicitOrigin), throwing at the first that is not one. */
export function parseExplicitOrigins(entries: readonly string[]): string[] {
  return entries.map(parseExplicitOrigin);
}
