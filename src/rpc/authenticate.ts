import { ConnectError } from "../errors/connect-error.js";
import type { Principal } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

// The scheme in any case, at least one space, then the token: whatever text follows, spaces
// inside it included (a Stainless SDK's generated tests send `Bearer My Bearer Token`).
const BEARER = /^Bearer +(.*?)[ \t]*$/is;

/**
 * Maps an Authorization header to a principal: listed tokens to their own, any other bearer
 * token text to the default principal unless auth is strict. A header without the `Bearer`
 * scheme, or with nothing after it, is `unauthenticated`.
 */
export function authenticate(
  header: string | undefined,
  store: WorldStore,
  strict: boolean,
): Principal {
  const token = header ? BEARER.exec(header)?.[1] : undefined;
  if (!token) {
    throw new ConnectError(
      "unauthenticated",
      header
        ? 'malformed Authorization header: expected "Bearer <token>"'
        : 'missing Authorization header: expected "Bearer <token>"',
    );
  }
  const principal = store.principalFor(token);
  if (principal) return principal;
  if (strict) throw new ConnectError("unauthenticated", "unknown token");
  return store.defaultPrincipal;
}
