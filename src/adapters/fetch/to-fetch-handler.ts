import type { MockCore } from "../../core/create-mock-core.js";
import { answerError } from "../../protocol/answer-error.js";
import { bytesReader, type CoreAnswer, type CoreRequest } from "../../protocol/exchange.js";

/** Anything that speaks fetch: a Request in, a Response out. */
export type FetchHandler = (request: Request) => Promise<Response>;

const EMPTY = new Uint8Array();
const encoder = new TextEncoder();

/**
 * The core as a fetch handler, for whatever hands out Request objects: a service worker,
 * MSW, Playwright's route, a test calling it directly. Only the URL's path and query are
 * read, so any origin works; `basePath` (e.g. `/api`) is taken off the front of a path that
 * starts with it, for an API served below a path. The body is read whole before the core sees
 * the request, and a missing `Host` or `Content-Length` is filled in from the URL and the
 * body, as an HTTP client would have sent them.
 */
export function toFetchHandler(
  core: MockCore,
  { basePath = "" }: { basePath?: string } = {},
): FetchHandler {
  return async (request) => {
    const answer = await answerSafely(core, await toCoreRequest(request, basePath));
    return toResponse(answer, request.signal);
  };
}

/**
 * A fetch Request as the core reads it: the path (less `basePath`) and query, the headers by
 * lower-case name with `Host` and `Content-Length` filled in as an HTTP client sends them, and
 * the body read whole. The headers are the caller's to add to (a browser's `Origin`, which no
 * page script may set on a Request).
 */
export async function toCoreRequest(
  request: Request,
  basePath = "",
): Promise<CoreRequest & { headers: Record<string, string> }> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  headers.host ??= url.host;
  const body = request.body ? new Uint8Array(await request.arrayBuffer()) : EMPTY;
  if (request.body && headers["content-length"] === undefined) {
    headers["content-length"] = `${body.length}`;
  }
  return {
    method: request.method,
    url: stripBasePath(url.pathname, basePath) + url.search,
    headers,
    readBody: bytesReader(body),
    signal: request.signal,
  };
}

/** `pathname` without `basePath` (`/api`) in front, when it starts with it; as it is otherwise. */
export function stripBasePath(pathname: string, basePath: string): string {
  const base = basePath.replace(/\/+$/, "");
  return base && (pathname === base || pathname.startsWith(`${base}/`))
    ? pathname.slice(base.length) || "/"
    : pathname;
}

/** The core's answer to a request; whatever it throws becomes the one error answer. */
export async function answerSafely(core: MockCore, request: CoreRequest): Promise<CoreAnswer> {
  try {
    return await core.handle(request);
  } catch (error) {
    return answerError(error);
  }
}

/** A core answer as a fetch Response; an event stream ends when `signal` aborts. */
export function toResponse(answer: CoreAnswer, signal?: AbortSignal): Response {
  const headers: [string, string][] = [];
  for (let i = 0; i < answer.headers.length; i += 2) {
    const name = answer.headers[i] as string;
    // `Connection: close` speaks to a TCP connection; a Response has none.
    if (name.toLowerCase() !== "connection") headers.push([name, answer.headers[i + 1] as string]);
  }
  const init = { status: answer.status, headers };
  const { stream } = answer;
  if (stream) return new Response(toReadableStream(stream, signal), init);
  // A body is not allowed with these statuses, even an empty one.
  const empty = answer.status === 204 || answer.status === 304 || !answer.body;
  return new Response(empty ? null : (answer.body as Uint8Array<ArrayBuffer>), init);
}

function toReadableStream(
  stream: NonNullable<CoreAnswer["stream"]>,
  signal: AbortSignal | undefined,
): ReadableStream<Uint8Array> {
  let stop: (() => void) | undefined;
  return new ReadableStream({
    start(controller) {
      let open = true;
      const end = () => {
        if (!open) return;
        open = false;
        stop?.();
        controller.close();
      };
      stop = stream.open({
        write: (chunk) => {
          if (open) controller.enqueue(encoder.encode(chunk));
        },
        end,
      });
      signal?.addEventListener("abort", end, { once: true });
    },
    cancel() {
      stop?.();
    },
  });
}
