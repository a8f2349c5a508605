/** The closed set of Connect error codes, in the order of the protocol's table. */
export const CONNECT_CODES = [
  "canceled",
  "unknown",
  "invalid_argument",
  "deadline_exceeded",
  "not_found",
  "already_exists",
  "permission_denied",
  "resource_exhausted",
  "failed_precondition",
  "aborted",
  "out_of_range",
  "unimplemented",
  "internal",
  "unavailable",
  "data_loss",
  "unauthenticated",
] as const;

export type ConnectCode = (typeof CONNECT_CODES)[number];

/** Tells whether a string names a Connect code. */
export function isConnectCode(value: unknown): value is ConnectCode {
  return typeof value === "string" && (CONNECT_CODES as readonly string[]).includes(value);
}
