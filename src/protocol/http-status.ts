import type { ConnectCode } from "../errors/connect-code.js";

// A Record over the union makes the compiler reject a table that misses a code.
const HTTP_STATUS: Record<ConnectCode, number> = {
  canceled: 499,
  unknown: 500,
  invalid_argument: 400,
  deadline_exceeded: 504,
  not_found: 404,
  already_exists: 409,
  permission_denied: 403,
  resource_exhausted: 429,
  failed_precondition: 400,
  aborted: 409,
  out_of_range: 400,
  unimplemented: 501,
  internal: 500,
  unavailable: 503,
  data_loss: 500,
  unauthenticated: 401,
};

/** Maps a Connect code to the HTTP status the Connect protocol prescribes for it. */
export function codeToHttpStatus(code: ConnectCode): number {
  return HTTP_STATUS[code];
}
