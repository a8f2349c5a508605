import { createServer, type RequestListener, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import type { ConnectCode } from "../../errors/connect-code.js";
import { DO_NOT_RETRY } from "../../errors/connect-error.js";

/** Limits of the HTTP layer, enforced by Node before a request reaches the app. */
export interface ServerLimits {
  /** Largest request head (request line and headers) in bytes; larger is HTTP 431. */
  maxHeaderBytes: number;
  /** Time a client has to send the complete request head; stops slowloris clients. */
  headersTimeoutMs: number;
  /** Time a client has to send the complete request, body included; stops slow-body clients. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
}

export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
};

/**
 * Creates the HTTP server the app runs in, with the socket limits applied. Requests Node
 * rejects before the app sees them (oversized or too slow heads, malformed HTTP) are
 * answered with a Connect error body where the connection still allows an answer.
 */
export function createHttpServer(
  listener: RequestListener,
  limits: Partial<ServerLimits> = {},
): Server {
  const l = { ...DEFAULT_SERVER_LIMITS, ...limits };
  if (l.requestTimeoutMs > 0 && l.headersTimeoutMs > l.requestTimeoutMs) {
    throw new RangeError("headersTimeoutMs must not exceed requestTimeoutMs");
  }
  const server = createServer(
    {
      maxHeaderSize: l.maxHeaderBytes,
      headersTimeout: l.headersTimeoutMs,
      requestTimeout: l.requestTimeoutMs,
      keepAliveTimeout: l.keepAliveTimeoutMs,
      // Node checks the two timeouts only this often (30 s by default), so keep it near them.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, l.headersTimeoutMs / 4)),
    },
    listener,
  );
  // The response in progress on each socket, so a late parse error never splices into it.
  const current = new WeakMap<Socket, ServerResponse>();
  server.on("request", (req, res) => current.set(req.socket, res));
  // A socket gets at most one answer, whatever else goes wrong on it afterwards.
  const answered = new WeakSet<Socket>();
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    if (answered.has(socket)) return;
    answered.add(socket);
    const res = current.get(socket);
    const midResponse = res?.headersSent && !res.writableFinished;
    // A write to a socket the client has reset fails; the failure must not go unhandled.
    socket.on("error", () => {});
    if (!socket.writable || midResponse || error.code === "ECONNRESET") {
      socket.destroy();
      return;
    }
    // Closing with unread input makes the kernel reset the connection, and a reset can
    // discard the answer before the client reads it: drain the input for a moment instead.
    socket.end(describeClientError(error, l));
    socket.resume();
    setTimeout(() => socket.destroy(), 1000).unref();
  });
  return server;
}

function describeClientError(error: NodeJS.ErrnoException, limits: ServerLimits): string {
  switch (error.code) {
    case "HPE_HEADER_OVERFLOW":
      return rawConnectError(
        431,
        "Request Header Fields Too Large",
        "resource_exhausted",
        `request headers are larger than the limit of ${limits.maxHeaderBytes} bytes`,
        DO_NOT_RETRY,
      );
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return rawConnectError(
        408,
        "Request Timeout",
        "deadline_exceeded",
        `request not received within ${limits.headersTimeoutMs} ms (headers) or ${limits.requestTimeoutMs} ms (whole request)`,
      );
    default:
      return rawConnectError(
        400,
        "Bad Request",
        "invalid_argument",
        `malformed HTTP request (${error.code ?? "parse error"})`,
      );
  }
}

// Written straight to the socket: the request never became an Express request.
function rawConnectError(
  status: number,
  reason: string,
  code: ConnectCode,
  message: string,
  headers: Readonly<Record<string, string>> = {},
): string {
  const body = JSON.stringify({ code, message });
  const lines = [
    `HTTP/1.1 ${status} ${reason}`,
    "Content-Type: application/json",
    `Content-Length: ${Buffer.byteLength(body)}`,
    "Connection: close",
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ];
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}
