import { type HttpHandler, http } from "msw";
import { type CorsRefusal, createCrossOriginCheck } from "../fetch/check-cross-origin-call.js";
import {
  createFetchMock,
  type FetchMock,
  type FetchMockOptions,
} from "../fetch/create-fetch-mock.js";
import { answerSafely, toCoreRequest, toResponse } from "../fetch/to-fetch-handler.js";

/** Options of createMswMock: createFetchMock's, with the base URL the API is at. */
export interface MswMockOptions extends Omit<FetchMockOptions, "basePath"> {
  /**
   * Where the app calls the API: an absolute URL (`https://api.example.com`,
   * `http://localhost:4010/api`), or in a browser a path on the page's origin (`/api`). Only
   * requests at or below it are answered; MSW's `onUnhandledRequest` decides about the rest.
   */
  baseUrl: string;
  /**
   * The origin of the page making the calls, for CORS: a call from it to a base URL on another
   * origin is preflighted and granted by the mock's CORS rules, as a browser would have it with
   * the server. Default: the page's own origin in a browser; none in Node, whose fetch knows no
   * CORS. `null` turns the checks off.
   */
  pageOrigin?: string | null;
  /** Told why a browser would have blocked a call (answered as a network error); console.warn by default. */
  onCorsRefusal?: (message: string) => void;
}

/** The mock behind MSW: its request handlers, and the control methods of every mock. */
export interface MswMock extends FetchMock {
  /** For `setupWorker(...mock.handlers)` or `setupServer(...mock.handlers)`, or `server.use()`. */
  readonly handlers: readonly HttpHandler[];
  /** The base URL as resolved (absolute, no trailing slash). */
  readonly baseUrl: string;
}

/**
 * The warm-pool mock as MSW request handlers, for `setupWorker` in a browser (a story, a
 * Vitest browser test, an app in development) and `setupServer` in Node: no process and no
 * port, the same rules, lifecycle, faults and bytes as the server. Time stands still until the
 * test moves it (`mock.advanceClock({ ms })`); every page origin may call it (`corsOrigins`
 * narrows that). Two mocks share nothing.
 */
export function createMswMock(options: MswMockOptions): MswMock {
  const { baseUrl, pageOrigin: givenOrigin, onCorsRefusal, ...rest } = options;
  const base = resolveBaseUrl(baseUrl);
  const basePath = base.pathname.replace(/\/+$/, "");
  const mock = createFetchMock({ corsOrigins: ["*"], ...rest, basePath });
  const pageOrigin = givenOrigin === undefined ? browserPageOrigin() : (givenOrigin ?? undefined);
  const cors = createCrossOriginCheck(mock.core);
  const refuse = (refusal: NonNullable<CorsRefusal>) => {
    (onCorsRefusal ?? console.warn)(refusal);
    return Response.error();
  };

  const handler = http.all(
    ({ request }) => isBelow(new URL(request.url), base, basePath),
    async ({ request }) => {
      const coreRequest = await toCoreRequest(request, basePath);
      if (pageOrigin === undefined) {
        return toResponse(await answerSafely(mock.core, coreRequest), request.signal);
      }
      const crossOrigin = new URL(request.url).origin !== pageOrigin;
      // A browser names the page's origin on every cross-origin call and on same-origin writes;
      // a service worker is handed the request before it does, so it is added here.
      if (crossOrigin || !["GET", "HEAD"].includes(request.method)) {
        coreRequest.headers.origin = pageOrigin;
      }
      if (crossOrigin) {
        const refusal = await cors.preflight(coreRequest, request.url, pageOrigin);
        if (refusal) return refuse(refusal);
      }
      const answer = await answerSafely(mock.core, coreRequest);
      const refusal = crossOrigin ? cors.grant(answer, request.url, pageOrigin) : undefined;
      return refusal ? refuse(refusal) : toResponse(answer, request.signal);
    },
  );
  return Object.assign(mock, { handlers: [handler], baseUrl: base.href.replace(/\/+$/, "") });
}

function resolveBaseUrl(baseUrl: string): URL {
  const page = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    const url = new URL(baseUrl, page);
    url.search = "";
    url.hash = "";
    return url;
  } catch {
    throw new TypeError(
      `createMswMock: baseUrl ${JSON.stringify(baseUrl)} is not a URL${
        page === undefined ? " (outside a browser it must be absolute: http://localhost:4010)" : ""
      }`,
    );
  }
}

function isBelow(url: URL, base: URL, basePath: string): boolean {
  if (url.origin !== base.origin) return false;
  return basePath === "" || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`);
}

// A browser's page (MSW's setupWorker runs the handlers there), not Node with a DOM (jsdom).
function browserPageOrigin(): string | undefined {
  const scope = globalThis as {
    document?: unknown;
    location?: { origin?: string };
    process?: { versions?: { node?: string } };
  };
  if (scope.document === undefined || scope.process?.versions?.node !== undefined) return undefined;
  return scope.location?.origin;
}
