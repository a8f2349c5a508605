import { ConnectError } from "../errors/connect-error.js";

const TIMEOUT_MS = /^[0-9]{1,10}$/;

/**
 * Reads `Connect-Timeout-Ms`: a positive integer of at most 10 digits, undefined when absent
 * or empty (as connect-go reads it). Anything else is `invalid_argument`.
 */
export function parseTimeoutMs(header: string | undefined): number | undefined {
  if (header === undefined || header === "") return undefined;
  const value = Number(header);
  if (!TIMEOUT_MS.test(header) || value === 0) {
    throw new ConnectError(
      "invalid_argument",
      `protocol error: invalid Connect-Timeout-Ms "${header}": expected a positive integer of at most 10 digits`,
    );
  }
  return value;
}
