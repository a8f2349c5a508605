import type { OutgoingHttpHeaders } from "node:http";
import type { ConnectCode } from "../errors/connect-code.js";
import { ConnectError } from "../errors/connect-error.js";
import type { createViolationsDetail, ErrorDetail } from "./create-violations-detail.js";
import { codeToHttpStatus } from "./http-status.js";

/** The Connect error body. */
export interface ConnectErrorBody {
  code: string;
  message?: string;
  details?: ErrorDetail[];
}

/** The part of a response the writer uses, so it serves node:http and Express alike. */
export interface ErrorResponse {
  readonly headersSent: boolean;
  writeHead(status: number, headers: OutgoingHttpHeaders | (string | number)[]): unknown;
  end(body?: Uint8Array): unknown;
  destroy(): unknown;
}

/** Where unexpected errors (bugs) are reported: a pino logger, or console.error without one. */
export interface ErrorLogger {
  error(record: { err: unknown }, message: string): void;
}

const INTERNAL = new ConnectError("internal", "internal error");

let violationsDetail: typeof createViolationsDetail | undefined;

/**
 * Answers a request with a Connect error: status from the code table, the JSON body, the
 * error's metadata as headers, plus `headers` (a flat name/value list). Anything that is not a
 * ConnectError is a bug: it is logged and answered `internal` without its text. A response
 * already under way is cut instead. Returns the code answered, for the request log.
 *
 * The violations detail needs the protobuf runtime (~90 ms of imports a server answering only
 * valid requests never pays); it is loaded here on the first error that carries violations.
 */
export function writeError(
  res: ErrorResponse,
  error: unknown,
  { logger, headers = [] }: { logger?: ErrorLogger; headers?: readonly string[] } = {},
): ConnectCode {
  const connectError = error instanceof ConnectError ? error : INTERNAL;
  if (connectError === INTERNAL) {
    if (logger) logger.error({ err: error }, "unexpected error while serving a request");
    else console.error("unexpected error while serving a request:", error);
  }
  if (res.headersSent) {
    res.destroy();
  } else if (connectError.violations.length > 0 && !violationsDetail) {
    import("./create-violations-detail.js").then(
      (module) => {
        violationsDetail = module.createViolationsDetail;
        send(res, connectError, headers);
      },
      () => res.destroy(),
    );
  } else send(res, connectError, headers);
  return connectError.code;
}

/** The status and body writeError sends for `error`, once what it needs is loaded. */
export async function serializeError(
  error: unknown,
): Promise<{ status: number; body: ConnectErrorBody }> {
  const connectError = error instanceof ConnectError ? error : INTERNAL;
  if (connectError.violations.length > 0 && !violationsDetail) {
    violationsDetail = (await import("./create-violations-detail.js")).createViolationsDetail;
  }
  return { status: codeToHttpStatus(connectError.code), body: toBody(connectError) };
}

function toBody(error: ConnectError): ConnectErrorBody {
  const body: ConnectErrorBody = { code: error.code };
  if (error.message) body.message = error.message;
  if (error.violations.length > 0 && violationsDetail) {
    body.details = [violationsDetail(error.violations)];
  }
  return body;
}

function send(res: ErrorResponse, error: ConnectError, extra: readonly string[]): void {
  const text = Buffer.from(JSON.stringify(toBody(error)));
  const headers: (string | number)[] = [
    "Content-Type",
    "application/json",
    "Content-Length",
    text.length,
    ...extra,
  ];
  for (const [name, value] of Object.entries(error.metadata)) headers.push(name, value);
  res.writeHead(codeToHttpStatus(error.code), headers);
  res.end(text);
}
