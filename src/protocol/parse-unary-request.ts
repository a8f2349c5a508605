import type { Idempotency } from "../contract/load-contract.js";
import { ConnectError } from "../errors/connect-error.js";
import { type Compression, parseCompression } from "./compression.js";
import {
  ACCEPT_POST,
  type Codec,
  parseContentType,
  parseGetEncoding,
} from "./connect-content-type.js";
import type { RequestHeaders } from "./exchange.js";
import { decodeBase64Url, parseGetQuery } from "./parse-get-query.js";
import { parseTimeoutMs } from "./parse-timeout.js";

/** How a unary request is framed: what the server needs before it reads the message. */
export interface UnaryRequest {
  codec: Codec;
  compression: Compression;
  timeoutMs?: number;
  /** A GET carries its (still compressed) message in the URL; a POST's is its body. */
  message?: Uint8Array;
}

/** A request the Connect protocol refuses with a bare status and no body (405, 415). */
export interface BareRejection {
  status: 405 | 415;
  headers: Record<string, string>;
}

/** The parts of an HTTP request the framing depends on. */
export interface HttpRequestHead {
  method?: string;
  url?: string;
  headers: RequestHeaders;
}

/**
 * Reads a unary request's framing the way connect-go does: verb, codec, protocol version,
 * timeout and compression, for POST and, on side-effect-free methods, GET. Returns a bare
 * rejection for a wrong verb or codec; throws ConnectError for the rest.
 */
export function parseUnaryRequest(
  req: HttpRequestHead,
  idempotency: Idempotency,
): UnaryRequest | BareRejection {
  const allowsGet = idempotency === "NO_SIDE_EFFECTS";
  if (req.method === "POST") return parsePost(req);
  if (req.method === "GET" && allowsGet) return parseGet(req);
  return { status: 405, headers: { Allow: allowsGet ? "GET, POST" : "POST" } };
}

function parsePost(req: HttpRequestHead): UnaryRequest | BareRejection {
  const codec = parseContentType(header(req.headers["content-type"]));
  if (!codec) return { status: 415, headers: { "Accept-Post": ACCEPT_POST } };
  checkProtocolVersion(
    header(req.headers["connect-protocol-version"]),
    "1",
    "connect-protocol-version",
  );
  const timeoutMs = parseTimeoutMs(header(req.headers["connect-timeout-ms"]));
  const compression = parseCompression(header(req.headers["content-encoding"]));
  return { codec, compression, timeoutMs };
}

function parseGet(req: HttpRequestHead): UnaryRequest | BareRejection {
  const hasBody =
    req.headers["transfer-encoding"] !== undefined || Number(req.headers["content-length"]) > 0;
  const query = parseGetQuery(req.url ?? "");
  const codec = parseGetEncoding(query.encoding);
  if (hasBody || !codec) return { status: 415, headers: {} };
  checkProtocolVersion(query.connect, "v1", "connect query parameter");
  const timeoutMs = parseTimeoutMs(header(req.headers["connect-timeout-ms"]));
  const compression = parseCompression(query.compression);
  if (!query.message) {
    throw new ConnectError("invalid_argument", "missing message query parameter");
  }
  const message = query.base64 === "1" ? decodeBase64Url(query.message) : query.message;
  return { codec, compression, timeoutMs, message };
}

// Clients that omit the version are accepted: Stainless SDKs never send it. An empty header or
// `connect=` counts as absent, as in connect-go, which reads either with Get and compares "".
function checkProtocolVersion(value: string | undefined, expected: string, what: string): void {
  if (value !== undefined && value !== "" && value !== expected) {
    throw new ConnectError("invalid_argument", `${what} must be "${expected}": got "${value}"`);
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}
