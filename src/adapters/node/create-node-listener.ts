import type {
  IncomingHttpHeaders,
  IncomingMessage,
  RequestListener,
  ServerResponse,
} from "node:http";
import type { MockCore } from "../../core/create-mock-core.js";
import { answerError } from "../../protocol/answer-error.js";
import type { CoreAnswer, CoreRequest } from "../../protocol/exchange.js";
import { readBody } from "./read-body.js";

/**
 * A node:http request as the core reads it. Built per request, so it stays small: the body is
 * read only when asked for, and the abort signal is made only when something waits on it
 * (making one for every request cost a DOMException each).
 */
class NodeRequest implements CoreRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly rawHeaders: string[];
  private gone: AbortController | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.method = req.method ?? "GET";
    this.url = req.url ?? "/";
    this.headers = req.headers;
    this.rawHeaders = req.rawHeaders;
  }

  readBody(limit: number): Promise<Uint8Array> {
    return readBody(this.req, limit);
  }

  get signal(): AbortSignal {
    if (!this.gone) {
      const gone = new AbortController();
      this.gone = gone;
      if (this.res.closed) gone.abort();
      else this.res.once("close", () => gone.abort());
    }
    return this.gone.signal;
  }
}

/**
 * The core as a node:http request listener: what the CLI, startMock and createApp's Express
 * app run. A synchronous answer is written on the request's own turn; each answer's head goes
 * out in one writeHead with the core's prepared header list.
 */
export function createNodeListener(core: MockCore): RequestListener {
  return (req, res) => {
    let answer: CoreAnswer | Promise<CoreAnswer>;
    try {
      answer = core.handle(new NodeRequest(req, res));
    } catch (error) {
      answer = answerError(error);
    }
    if (answer instanceof Promise) {
      answer.then(
        (done) => writeAnswer(res, done),
        (error: unknown) =>
          void Promise.resolve(answerError(error)).then((a) => writeAnswer(res, a)),
      );
    } else writeAnswer(res, answer);
  };
}

/** Writes a core answer to a node:http response (or an Express one, which is one too). */
export function writeAnswer(res: ServerResponse, answer: CoreAnswer): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(answer.status, answer.headers as string[]);
  const { stream } = answer;
  if (!stream) {
    res.end(answer.body);
    return;
  }
  const stop = stream.open({ write: (chunk) => res.write(chunk), end: () => res.end() });
  res.once("close", stop);
}
