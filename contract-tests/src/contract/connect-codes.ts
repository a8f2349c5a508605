// Written out here rather than imported from src/protocol: the harness judges implementations,
// the mock among them, so it must not take its expectations from the code under test.

/** The Connect protocol's error codes and the HTTP status each one must travel with. */
export const CONNECT_CODE_STATUS: Readonly<Record<string, number>> = {
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

/** The HTTP status the Connect protocol prescribes for a code; undefined for an unknown code. */
export function statusForCode(code: string): number | undefined {
  return Object.hasOwn(CONNECT_CODE_STATUS, code) ? CONNECT_CODE_STATUS[code] : undefined;
}
