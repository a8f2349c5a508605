import { bytesReader, type CoreAnswer } from "../../protocol/exchange.js";
import { createCrossOriginCheck } from "../fetch/check-cross-origin-call.js";
import {
  createFetchMock,
  type FetchMock,
  type FetchMockOptions,
} from "../fetch/create-fetch-mock.js";
import { answerSafely, stripBasePath } from "../fetch/to-fetch-handler.js";

// Playwright's types, as far as this adapter uses them: a Page or a BrowserContext of
// `playwright`, `@playwright/test` or `playwright-core` fits, and none of them is imported.

/** What route.request() gives (Playwright's Request). */
export interface RoutedRequestLike {
  method(): string;
  url(): string;
  allHeaders(): Promise<Record<string, string>>;
  postDataBuffer(): Uint8Array | null;
}

/** What a route handler is handed (Playwright's Route). */
export interface RouteLike {
  request(): RoutedRequestLike;
  fulfill(response: {
    status?: number;
    headers?: Record<string, string>;
    body?: string | Buffer;
  }): Promise<void>;
  abort(errorCode?: string): Promise<void>;
}

/** A Page or a BrowserContext: anything whose requests can be routed. */
export interface RoutableLike {
  route(url: (url: URL) => boolean, handler: (route: RouteLike) => Promise<void>): Promise<unknown>;
  unroute(
    url: (url: URL) => boolean,
    handler?: (route: RouteLike) => Promise<void>,
  ): Promise<unknown>;
}

/** Options of routeMock: createFetchMock's, with the base URL the page calls the API at. */
export interface RouteMockOptions extends Omit<FetchMockOptions, "basePath"> {
  /**
   * The absolute URL the page calls the API at (`http://localhost:4010`,
   * `https://app.example.com/api`); requests at or below it are answered, nothing else is
   * touched. Nothing needs to listen there.
   */
  baseUrl: string;
  /** Told why a browser would have blocked a call (then aborted as a network error); console.warn by default. */
  onCorsRefusal?: (message: string) => void;
}

/** The mock behind a page's routes: the control methods of every mock, and a way out. */
export interface RoutedMock extends FetchMock {
  /** The base URL as routed (no trailing slash). */
  readonly baseUrl: string;
  /** Removes the route; the page's calls go to the network again. */
  unroute(): Promise<void>;
}

const EMPTY = new Uint8Array();

/**
 * Answers a Playwright page's (or every page of a context's) calls to `baseUrl` from a mock in
 * the test's process, with `route.fulfill`: no server for the API at all, the same rules,
 * lifecycle, faults and bytes as the server, and the mock's control methods on the object it
 * resolves to (`mock.advanceClock({ ms })`: time stands still until the test moves it).
 * Every page origin may call it (`corsOrigins` narrows that).
 */
export async function routeMock(
  target: RoutableLike,
  options: RouteMockOptions,
): Promise<RoutedMock> {
  const { baseUrl, onCorsRefusal, ...rest } = options;
  let base: URL;
  try {
    base = new URL(baseUrl);
  } catch {
    throw new TypeError(
      `routeMock: baseUrl ${JSON.stringify(baseUrl)} is not an absolute URL (such as http://localhost:4010)`,
    );
  }
  const basePath = base.pathname.replace(/\/+$/, "");
  const mock = createFetchMock({ corsOrigins: ["*"], ...rest, basePath });
  const cors = createCrossOriginCheck(mock.core);
  const matches = (url: URL) =>
    url.origin === base.origin &&
    (basePath === "" || url.pathname === basePath || url.pathname.startsWith(`${basePath}/`));

  const handler = async (route: RouteLike) => {
    const request = route.request();
    const url = new URL(request.url());
    const headers = await request.allHeaders();
    const body = request.postDataBuffer() ?? EMPTY;
    headers.host ??= url.host;
    if (body.length > 0) headers["content-length"] ??= `${body.length}`;
    const coreRequest = {
      method: request.method(),
      url: stripBasePath(url.pathname, basePath) + url.search,
      headers,
      readBody: bytesReader(body),
    };
    // Playwright answers every preflight itself with "yes", and adds a grant to any answer
    // without one: the mock's own preflight and grant are what a browser would have judged.
    const origin = headers.origin;
    const crossOrigin = origin !== undefined && origin !== url.origin;
    const refuse = async (why: string) => {
      (onCorsRefusal ?? console.warn)(why);
      await route.abort("failed");
    };
    const refusal = crossOrigin ? await cors.preflight(coreRequest, url.href, origin) : undefined;
    if (refusal) return refuse(refusal);
    const answer = await answerSafely(mock.core, coreRequest);
    const ungranted = crossOrigin ? cors.grant(answer, url.href, origin) : undefined;
    if (ungranted) return refuse(ungranted);
    await route.fulfill(toFulfilment(answer));
  };
  await target.route(matches, handler);
  return Object.assign(mock, {
    baseUrl: base.href.replace(/\/+$/, ""),
    unroute: async () => {
      await target.unroute(matches, handler);
    },
  });
}

/**
 * A core answer as route.fulfill takes it: repeated headers joined, `Connection` dropped (it
 * speaks of a TCP connection there is none of), the body as a Buffer (route.fulfill reads a
 * Uint8Array as text). route.fulfill cannot stream, so the event feed answers with what it has
 * at once and ends; an EventSource reconnects by itself.
 */
function toFulfilment(answer: CoreAnswer): {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
} {
  const headers: Record<string, string> = {};
  for (let i = 0; i < answer.headers.length; i += 2) {
    const name = (answer.headers[i] as string).toLowerCase();
    if (name === "connection") continue;
    const value = answer.headers[i + 1] as string;
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  let bytes = answer.body ?? EMPTY;
  if (answer.stream) {
    const chunks: string[] = [];
    const stop = answer.stream.open({ write: (chunk) => chunks.push(chunk), end: () => {} });
    stop();
    bytes = new TextEncoder().encode(chunks.join(""));
  }
  return {
    status: answer.status,
    headers,
    body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  };
}
