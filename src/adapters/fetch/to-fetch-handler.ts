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
  const base = basePath.replace(/\/+$/, "");
  return async (request) => {
    const url = new URL(request.url);
    const path =
      base && (url.pathname === base || url.pathname.startsWith(`${base}/`))
        ? url.pathname.slice(base.length) || "/"
        : url.pathname;
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      headers[name] = value;
    });
    headers.host ??= url.host;
    const body = request.body ? new Uint8Array(await request.arrayBuffer()) : EMPTY;
    if (request.body && headers["content-length"] === undefined) {
      headers["content-length"] = `${body.length}`;
    }
    const coreRequest: CoreRequest = {
      method: request.method,
      url: path + url.search,
      headers,
      readBody: bytesReader(body),
      signal: request.signal,
    };
    let answer: CoreAnswer;
    try {
      answer = await core.handle(coreRequest);
    } catch (error) {
      answer = await answerError(error);
    }
    return toResponse(answer, request.signal);
  };
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
