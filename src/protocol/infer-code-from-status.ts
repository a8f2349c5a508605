import type { ConnectCode } from "../errors/connect-code.js";

/**
 * The code a Connect client infers from a response without a usable Connect error body
 * (a bare 404/405/415), per the protocol's fallback table.
 */
export function inferCodeFromStatus(status: number): ConnectCode | "ok" {
  if (status >= 200 && status < 300) return "ok";
  switch (status) {
    case 400:
      return "internal";
    case 401:
      return "unauthenticated";
    case 403:
      return "permission_denied";
    case 404:
      return "unimplemented";
    case 429:
    case 502:
    case 503:
    case 504:
      return "unavailable";
    default:
      return "unknown";
  }
}
