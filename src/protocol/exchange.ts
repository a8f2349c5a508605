import { ConnectError, DO_NOT_RETRY } from "../errors/connect-error.js";

/** A header as the mock reads it: lower-case name; repeated headers may arrive as a list. */
export type HeaderValue = string | string[] | undefined;

/** Request headers by lower-case name (the shape node:http gives, and adapters build). */
export type RequestHeaders = Readonly<Record<string, HeaderValue>>;

/**
 * One HTTP request as every layer of the mock sees it, whatever carried it (node:http,
 * Express, a fetch Request, a service worker). Adapters build it; nothing here is a platform's.
 */
export interface CoreRequest {
  method: string;
  /** The request target as sent: path and query (`/a/b?c`), or an absolute URL. */
  url: string;
  headers: RequestHeaders;
  /**
   * Reads the whole body, refusing more than `limit` bytes: throws ConnectError
   * `resource_exhausted` (with `Connection: close` metadata) beyond it and `canceled` when
   * the client goes away. Called at most once, and only when the body matters.
   */
  readBody(limit: number): Promise<Uint8Array>;
  /**
   * The headers as received, `[name, value, name, value, …]`, where the platform keeps them
   * (node:http): a map keeps one Host header of several, this list shows them all.
   */
  readonly rawHeaders?: readonly string[];
  /** Aborts when the client goes away; may be a getter made on first read, so read it only to wait. */
  readonly signal?: AbortSignal;
}

/** Where a streamed answer goes; the adapter turns each chunk into bytes on its wire. */
export interface StreamSink {
  write(chunk: string): void;
  end(): void;
}

/** A long-lived answer body (the event feed): opened once the head is sent. */
export interface AnswerStream {
  /** Starts writing to `sink`; returns what to call when the client goes away. */
  open(sink: StreamSink): () => void;
}

/** What the mock answers: status, headers in order, and a body or a stream. */
export interface CoreAnswer {
  status: number;
  /** Flat `[name, value, name, value, …]`, the order they go on the wire. */
  headers: readonly string[];
  /** The whole body; absent for an empty one. */
  body?: Uint8Array;
  /** Instead of `body`: a stream that stays open (text/event-stream). */
  stream?: AnswerStream;
}

/** The error every body reader throws beyond its limit, as connect-go answers it. */
export function bodyTooLarge(limit: number): ConnectError {
  return new ConnectError(
    "resource_exhausted",
    `request body is larger than the limit of ${limit} bytes`,
    [],
    // The rest of the body is never read; closing keeps the connection from stalling.
    { ...DO_NOT_RETRY, Connection: "close" },
  );
}

/** The error a body reader throws when the client goes away. */
export function clientGone(): ConnectError {
  return new ConnectError("canceled", "client closed the request");
}

/** A body reader for bytes already in hand (fetch adapters, tests). */
export function bytesReader(bytes: Uint8Array): (limit: number) => Promise<Uint8Array> {
  return (limit) =>
    bytes.length > limit ? Promise.reject(bodyTooLarge(limit)) : Promise.resolve(bytes);
}
