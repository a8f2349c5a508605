import { createServer, request as httpRequest, type IncomingMessage } from "node:http";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Timing } from "../../../src/domain/domain-context.js";
import type { HarnessInput } from "../../src/harness-options.js";
import { close, listen, type RunningServer, startMock } from "./start-mock.js";

/** A request on its way to the mock; a variant may change any part of it. */
export interface ProxiedRequest {
  method: string;
  /** Path with query string. */
  path: string;
  /** The RPC method when the path is one of a gitpod.v1 service's. */
  rpc?: string;
  headers: Record<string, string>;
  /** Inflated when Content-Encoding is gzip: variants read and rewrite text, never bytes. */
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: variants poke at arbitrary JSON.
  json?: any;
}

/** The mock's answer on its way back; a variant may change any part of it. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: variants poke at arbitrary JSON.
  json?: any;
}

/** Lets a variant ask the real mock something while it rewrites an exchange. */
export type Forward = (request: ProxiedRequest) => Promise<ProxiedResponse>;

/** One deliberate defect, made by rewriting traffic to and from the intact mock. */
export interface BrokenVariant {
  name: string;
  /** The harness case that names the broken rule and must fail. */
  failsCase: string;
  /** Matches the failure's check, expected and actual: it failed for this defect, not another. */
  because?: RegExp;
  /** What the run needs to catch this defect (--strict for a compatible one), beyond the case. */
  harnessInput?: HarnessInput;
  /** Rewrites the request, or answers it without the mock. */
  request?(req: ProxiedRequest): ProxiedResponse | undefined;
  /** Rewrites the answer. */
  response?(res: ProxiedResponse, req: ProxiedRequest, forward: Forward): Promise<void> | void;
}

/**
 * Starts the intact mock behind a rewriting proxy that applies one variant. The production
 * mock carries no switch for any defect: each lives here, in test code only. `timing` is the
 * mock's (TEST_TIMING when absent).
 */
export async function startBrokenMock(
  variant: Omit<BrokenVariant, "failsCase"> & { failsCase?: string },
  timing?: Partial<Timing>,
): Promise<RunningServer> {
  const mock = await startMock(timing);
  const target = new URL(mock.url);
  const forward: Forward = (req) =>
    new Promise((resolve, reject) => {
      // Compressed again when the header (as the variant left it) still says gzip.
      const text = Buffer.from(req.body);
      const payload = req.headers["content-encoding"] === "gzip" ? gzipSync(text) : text;
      const out = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: req.method,
          path: req.path,
          headers: { ...req.headers, "content-length": String(payload.length) },
        },
        (res) => {
          readAll(res).then((bytes) => {
            const body = bytes.toString("utf8");
            const headers: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers))
              if (typeof v === "string") headers[k] = v;
            resolve({ status: res.statusCode ?? 0, headers, body, json: parseJson(body) });
          }, reject);
        },
      );
      out.on("error", reject);
      out.end(payload);
    });

  const proxy = createServer((incoming, outgoing) => {
    (async () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(incoming.headers)) {
        if (typeof v === "string" && k !== "content-length" && k !== "host") headers[k] = v;
      }
      const bytes = await readAll(incoming);
      const gzipped = headers["content-encoding"] === "gzip" && bytes.length > 0;
      const body = (gzipped ? gunzipSync(bytes) : bytes).toString("utf8");
      // The proxy rewrites bodies as text, so it asks the mock for uncompressed answers.
      delete headers["accept-encoding"];
      const path = incoming.url ?? "/";
      const pathname = path.split("?")[0] ?? "";
      const req: ProxiedRequest = {
        method: incoming.method ?? "GET",
        path,
        headers,
        body,
        json: parseJson(body),
        ...(pathname.startsWith("/gitpod.v1.")
          ? { rpc: pathname.slice(pathname.lastIndexOf("/") + 1) }
          : {}),
      };
      const before = JSON.stringify(req.json);
      let res = variant.request?.(req);
      if (!res) {
        if (req.json !== undefined && JSON.stringify(req.json) !== before)
          req.body = JSON.stringify(req.json);
        res = await forward(req);
        const answered = JSON.stringify(res.json);
        await variant.response?.(res, req, forward);
        if (res.json !== undefined && JSON.stringify(res.json) !== answered)
          res.body = JSON.stringify(res.json);
      }
      const { "content-length": _, connection: __, "keep-alive": ___, ...rest } = res.headers;
      outgoing.writeHead(res.status, { ...rest, "content-length": Buffer.byteLength(res.body) });
      outgoing.end(res.body);
    })().catch((error: unknown) => {
      outgoing.writeHead(502).end(String(error));
    });
  });
  const url = await listen(proxy);
  return {
    url,
    store: mock.store,
    close: async () => {
      await close(proxy);
      await mock.close();
    },
  };
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}
