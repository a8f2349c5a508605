import type { MockCore } from "../../core/create-mock-core.js";
import type { CoreAnswer, CoreRequest } from "../../protocol/exchange.js";
import { answerSafely } from "./to-fetch-handler.js";

// A page's call to another origin, as a browser makes it against a server: preflighted when
// it must be, then readable only with the server's grant. A service worker's answer (MSW) skips
// both checks, and Playwright answers every preflight itself with "yes", so the in-process
// adapters run them here against the same core, to keep the rules the mock's server has.

const SIMPLE_METHODS = new Set(["GET", "HEAD", "POST"]);
const SAFELISTED = new Set(["accept", "accept-language", "content-language", "range"]);
const SIMPLE_CONTENT_TYPES = new Set([
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "text/plain",
]);
// Set by the browser itself (or by an adapter on its behalf), never by the page's script, so
// never named in a preflight.
const BROWSER_SET =
  /^(?:sec-|proxy-)|^(?:accept-charset|accept-encoding|access-control-request-headers|access-control-request-method|connection|content-length|cookie|date|dnt|expect|host|keep-alive|origin|priority|referer|te|trailer|transfer-encoding|upgrade|user-agent|via)$/;
// Chromium keeps a preflight's answer at most this long, whatever Access-Control-Max-Age says.
const MAX_CACHE_SECONDS = 7200;

/** Why a browser would block a call, for the page's console; undefined when it lets it through. */
export type CorsRefusal = string | undefined;

/** The preflight and grant checks for the calls of one page, with the browser's preflight cache. */
export interface CrossOriginCheck {
  /**
   * Runs the preflight the browser would send before `request` (none for a simple request,
   * none while an earlier one is cached) through the core, and judges its answer.
   */
  preflight(request: CoreRequest, requestUrl: string, origin: string): Promise<CorsRefusal>;
  /** Judges the answer to the call itself: readable only with the origin's grant. */
  grant(answer: CoreAnswer, requestUrl: string, origin: string): CorsRefusal;
}

/** The header names a page's script set that are not CORS-safelisted, lower-case and sorted. */
export function unsafeHeaderNames(headers: CoreRequest["headers"]): string[] {
  return Object.keys(headers)
    .filter((name) => {
      if (BROWSER_SET.test(name) || SAFELISTED.has(name)) return false;
      if (name !== "content-type") return true;
      const value = String(headers[name] ?? "");
      return !SIMPLE_CONTENT_TYPES.has(value.split(";")[0]?.trim().toLowerCase() ?? "");
    })
    .sort();
}

/** Builds the checks for one in-process mock; `now` is the real time, as the browser's cache reads it. */
export function createCrossOriginCheck(core: MockCore, now = () => Date.now()): CrossOriginCheck {
  const cache = new Map<string, number>();
  return {
    async preflight(request, requestUrl, origin) {
      const method = request.method.toUpperCase();
      const unsafe = unsafeHeaderNames(request.headers);
      if (SIMPLE_METHODS.has(method) && unsafe.length === 0) return undefined;
      const key = `${origin} ${method} ${requestUrl} ${unsafe.join(",")}`;
      if ((cache.get(key) ?? 0) > now()) return undefined;
      const target = new URL(requestUrl);
      const answer = await answerSafely(core, {
        method: "OPTIONS",
        url: request.url,
        headers: {
          host: target.host,
          origin,
          "access-control-request-method": method,
          ...(unsafe.length > 0 ? { "access-control-request-headers": unsafe.join(",") } : {}),
        },
        readBody: () => Promise.resolve(new Uint8Array()),
      });
      const refusal = judgePreflight(answer, method, unsafe, origin);
      if (refusal) return `${blocked(requestUrl, origin)}: ${refusal}`;
      const maxAge = Number(headerOf(answer, "access-control-max-age") ?? "5");
      const seconds = Number.isFinite(maxAge)
        ? Math.min(Math.max(maxAge, 0), MAX_CACHE_SECONDS)
        : 5;
      cache.set(key, now() + seconds * 1000);
      return undefined;
    },
    grant(answer, requestUrl, origin) {
      const allowed = headerOf(answer, "access-control-allow-origin");
      if (allowed === origin || allowed === "*") return undefined;
      return `${blocked(requestUrl, origin)}: the answer has ${
        allowed === undefined
          ? "no Access-Control-Allow-Origin"
          : `Access-Control-Allow-Origin ${allowed}`
      } (the mock's CORS origins do not include ${origin})`;
    },
  };
}

function judgePreflight(
  answer: CoreAnswer,
  method: string,
  unsafe: readonly string[],
  origin: string,
): CorsRefusal {
  if (answer.status < 200 || answer.status > 299) {
    return `the preflight was answered ${answer.status}, not a 2xx`;
  }
  const allowedOrigin = headerOf(answer, "access-control-allow-origin");
  if (allowedOrigin !== origin && allowedOrigin !== "*") {
    return `the preflight's answer does not allow the origin (the mock's CORS origins do not include ${origin})`;
  }
  const methods = listOf(headerOf(answer, "access-control-allow-methods"));
  if (!SIMPLE_METHODS.has(method) && !methods.has(method.toLowerCase()) && !methods.has("*")) {
    return `the method ${method} is not in the preflight's Access-Control-Allow-Methods`;
  }
  const headers = listOf(headerOf(answer, "access-control-allow-headers"));
  const missing = unsafe.filter(
    (name) => !headers.has(name) && !(headers.has("*") && name !== "authorization"),
  );
  if (missing.length > 0) {
    return `the header${missing.length > 1 ? "s" : ""} ${missing.join(", ")} ${
      missing.length > 1 ? "are" : "is"
    } not in the preflight's Access-Control-Allow-Headers`;
  }
  return undefined;
}

function blocked(requestUrl: string, origin: string): string {
  return `warm-pool-mock: a browser would block the call to ${requestUrl} from the page at ${origin}`;
}

function headerOf(answer: CoreAnswer, name: string): string | undefined {
  for (let i = 0; i < answer.headers.length; i += 2) {
    if ((answer.headers[i] as string).toLowerCase() === name) return answer.headers[i + 1];
  }
  return undefined;
}

function listOf(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((item) => item.trim().toLowerCase())
      .filter(Boolean),
  );
}
