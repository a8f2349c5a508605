import type { ConnectCode } from "../errors/connect-code.js";
import { ConnectError } from "../errors/connect-error.js";
import type { createViolationsDetail, ErrorDetail } from "./create-violations-detail.js";
import type { CoreAnswer } from "./exchange.js";
import { codeToHttpStatus } from "./http-status.js";

/** The Connect error body. */
export interface ConnectErrorBody {
  code: string;
  message?: string;
  details?: ErrorDetail[];
}

/** Where unexpected errors (bugs) are reported: a pino-like logger, or console.error without one. */
export interface ErrorLogger {
  error(record: { err: unknown }, message: string): void;
}

const INTERNAL = new ConnectError("internal", "internal error");
const encoder = new TextEncoder();

let violationsDetail: typeof createViolationsDetail | undefined;

/**
 * The ConnectError to answer for whatever was thrown. Anything that is not a ConnectError is a
 * bug: it is logged and becomes `internal`, without its text.
 */
export function toConnectError(error: unknown, logger?: ErrorLogger): ConnectError {
  if (error instanceof ConnectError) return error;
  if (logger) logger.error({ err: error }, "unexpected error while serving a request");
  else console.error("unexpected error while serving a request:", error);
  return INTERNAL;
}

/**
 * The one error answer of the mock, for RPCs and the control plane alike: status from the
 * code table, the JSON body, `headers` (a flat name/value list), then the error's metadata as
 * headers. Returns the answer and the code answered (for the request log).
 *
 * The violations detail needs the protobuf runtime (~90 ms of imports a server answering only
 * valid requests never pays); it is loaded on the first error that carries violations, which
 * is then answered with a promise.
 */
export function answerError(
  error: unknown,
  { logger, headers = [] }: { logger?: ErrorLogger; headers?: readonly string[] } = {},
): CoreAnswer | Promise<CoreAnswer> {
  const connectError = toConnectError(error, logger);
  if (connectError.violations.length > 0 && !violationsDetail) {
    return import("./create-violations-detail.js").then((module) => {
      violationsDetail = module.createViolationsDetail;
      return build(connectError, headers);
    });
  }
  return build(connectError, headers);
}

/** The status and body answerError sends for `error`, once what it needs is loaded. */
export async function serializeError(
  error: unknown,
): Promise<{ status: number; body: ConnectErrorBody }> {
  const connectError = error instanceof ConnectError ? error : INTERNAL;
  if (connectError.violations.length > 0 && !violationsDetail) {
    violationsDetail = (await import("./create-violations-detail.js")).createViolationsDetail;
  }
  return { status: codeToHttpStatus(connectError.code), body: toBody(connectError) };
}

/** The Connect code of an answer made by answerError from `error`. */
export function codeOf(error: unknown): ConnectCode {
  return error instanceof ConnectError ? error.code : "internal";
}

function toBody(error: ConnectError): ConnectErrorBody {
  const body: ConnectErrorBody = { code: error.code };
  if (error.message) body.message = error.message;
  if (error.violations.length > 0 && violationsDetail) {
    body.details = [violationsDetail(error.violations)];
  }
  return body;
}

function build(error: ConnectError, extra: readonly string[]): CoreAnswer {
  const body = encoder.encode(JSON.stringify(toBody(error)));
  const headers: string[] = [
    "Content-Type",
    "application/json",
    "Content-Length",
    `${body.length}`,
    ...extra,
  ];
  for (const [name, value] of Object.entries(error.metadata)) headers.push(name, value);
  return { status: codeToHttpStatus(error.code), headers, body };
}
