import { gzipSync } from "node:zlib";
import { renderCurl } from "./render-curl.js";

/** A request as sent, kept so that a failure can show it as a curl line. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** The body travels gzip-compressed (`body` keeps the readable text). */
  gzip?: boolean;
  /** Secret values in headers, mapped to the environment variable to show instead. */
  secrets?: Readonly<Record<string, string>>;
}

/** One request and what came back. */
export interface Exchange {
  request: HttpRequest;
  /** The RPC method when the path names one of the service's methods. */
  rpc?: string;
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body when it is JSON; undefined otherwise. */
  json: unknown;
  curl: string;
}

/** A bearer token and, when it came from the environment, the variable that holds it. */
export interface Credential {
  token: string;
  envVariable?: string;
}

/** Thrown when no HTTP answer arrives at all (refused, reset, timed out). */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly request: HttpRequest,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

export interface RawRequest {
  method?: string;
  /** Path below the base URL, with its query string if any. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Compress the body with gzip and say so in Content-Encoding. */
  gzip?: boolean;
}

export interface RpcCallOptions {
  /** Who calls; null sends no Authorization header. Defaults to the client's credential. */
  as?: Credential | null;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export const SERVICE_PATH = "/gitpod.v1.PrebuildService/";
// Every RPC path: /gitpod.v1.<Service>/<Method>.
const RPC_PATH = /^\/gitpod\.v1\.[A-Za-z]+Service\/[A-Za-z]+$/;

/**
 * Speaks Connect unary JSON to one base URL, and hands every exchange to `observe`. `fetchImpl`
 * is how requests travel: the global fetch, or an in-process handler (explore's model).
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    readonly credential: Credential,
    private readonly timeoutMs: number,
    private readonly observe: (exchange: Exchange) => void = () => {},
    private readonly signal?: AbortSignal,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /**
   * Calls an RPC the way a Stainless SDK does: POST, JSON body, bearer token. `method` is a
   * method of gitpod.v1.PrebuildService, or `Service/Method` of any gitpod.v1 service.
   */
  rpc(method: string, message: unknown, options: RpcCallOptions = {}): Promise<Exchange> {
    const query = new URLSearchParams(options.query ?? {}).toString();
    const credential = options.as === undefined ? this.credential : options.as;
    const path = method.includes("/") ? `/gitpod.v1.${method}` : `${SERVICE_PATH}${method}`;
    return this.send(
      {
        method: "POST",
        path: `${path}${query ? `?${query}` : ""}`,
        headers: { "Content-Type": "application/json", ...options.headers },
        body: JSON.stringify(message),
      },
      credential,
    );
  }

  /** Sends any request; the credential, when given, becomes the Authorization header. */
  async send(raw: RawRequest, credential: Credential | null = null): Promise<Exchange> {
    const headers: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    if (credential) {
      headers.Authorization = `Bearer ${credential.token}`;
      if (credential.envVariable) secrets[credential.token] = credential.envVariable;
    }
    Object.assign(headers, raw.headers);
    const gzip = raw.gzip === true && raw.body !== undefined;
    if (gzip) headers["Content-Encoding"] = "gzip";
    const request: HttpRequest = {
      method: raw.method ?? "POST",
      url: this.baseUrl.replace(/\/+$/, "") + raw.path,
      headers,
      ...(raw.body === undefined ? {} : { body: raw.body }),
      ...(gzip ? { gzip } : {}),
      secrets,
    };
    const timeout = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetchImpl(request.url, {
        method: request.method,
        headers,
        body: gzip ? gzipSync(raw.body ?? "") : raw.body,
        redirect: "manual",
        signal: this.signal ? AbortSignal.any([timeout, this.signal]) : timeout,
      });
      text = await response.text();
    } catch (error) {
      const reason = timeout.aborted
        ? `no answer within ${this.timeoutMs} ms`
        : describeCause(error as Error);
      throw new TransportError(`${request.method} ${request.url}: ${reason}`, request);
    }
    const path = new URL(request.url).pathname;
    const exchange: Exchange = {
      request,
      status: response.status,
      headers: response.headers,
      text,
      json: parseJson(text),
      curl: renderCurl(request),
      ...(RPC_PATH.test(path) ? { rpc: path.slice(path.lastIndexOf("/") + 1) } : {}),
    };
    this.observe(exchange);
    return exchange;
  }
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

// fetch reports "fetch failed" and hides the useful part (ECONNREFUSED, ...) in `cause`.
function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
