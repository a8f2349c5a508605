import { ConnectError } from "./connect-error.js";
import { createViolationsDetail, type ErrorDetail } from "./create-violations-detail.js";
import { codeToHttpStatus } from "./http-status.js";

/** The Connect error body. */
export interface ConnectErrorBody {
  code: string;
  message?: string;
  details?: ErrorDetail[];
}

/**
 * Turns anything thrown into the HTTP status and Connect error body to send. Errors that are
 * not ConnectErrors are bugs: they become `internal` without leaking their text.
 */
export function serializeError(error: unknown): { status: number; body: ConnectErrorBody } {
  const connectError =
    error instanceof ConnectError ? error : new ConnectError("internal", "internal error");
  const body: ConnectErrorBody = { code: connectError.code };
  if (connectError.message) body.message = connectError.message;
  if (connectError.violations.length > 0) {
    body.details = [createViolationsDetail(connectError.violations)];
  }
  return { status: codeToHttpStatus(connectError.code), body };
}
