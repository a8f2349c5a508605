import { ConnectError } from "../errors/connect-error.js";
import type { createViolationsDetail, ErrorDetail } from "./create-violations-detail.js";
import { codeToHttpStatus } from "./http-status.js";

/** The Connect error body. */
export interface ConnectErrorBody {
  code: string;
  message?: string;
  details?: ErrorDetail[];
}

let violationsDetail: typeof createViolationsDetail | undefined;

/**
 * Loads what serializeError needs for an error that carries violations: the protobuf runtime,
 * ~90 ms of imports that a server answering only valid requests never pays.
 */
export async function loadErrorDetails(error: unknown): Promise<void> {
  if (violationsDetail || !(error instanceof ConnectError) || error.violations.length === 0) return;
  violationsDetail = (await import("./create-violations-detail.js")).createViolationsDetail;
}

/**
 * Turns anything thrown into the HTTP status and Connect error body to send. Errors with
 * violations need loadErrorDetails first. Errors that are not ConnectErrors are bugs: they become `internal` without leaking their text.
 */
export function serializeError(error: unknown): { status: number; body: ConnectErrorBody } {
  const connectError =
    error instanceof ConnectError ? error : new ConnectError("internal", "internal error");
  const body: ConnectErrorBody = { code: connectError.code };
  if (connectError.message) body.message = connectError.message;
  if (connectError.violations.length > 0) {
    if (!violationsDetail) throw new Error("serializeError: await loadErrorDetails(error) first");
    body.details = [violationsDetail(connectError.violations)];
  }
  return { status: codeToHttpStatus(connectError.code), body };
}
