import { ConnectError } from "../errors/connect-error.js";
import type { Principal } from "../store/world.js";
import type { WorldStore } from "../store/world-store.js";

const BEARER = /^Bearer +([\x21-\x7e]+) *$/i;

/**
 * Maps an Authorization header to a principal: listed tokens to their own, any other
 * well-formed token to the default principal unless auth is strict.
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
