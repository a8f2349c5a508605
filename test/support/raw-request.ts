import { type ClientRequest, type IncomingMessage, request } from "node:http";

/** A response exactly as it came off the wire: no decompression, no redirects. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  /** The body parsed as JSON, when it is JSON. */
  json?: unknown;
}

/** Sends one HTTP/1.1 request with exactly the given method, headers and body. */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Uint8Array | string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        let json: unknown;
        if (
          String(res.headers["content-type"]).startsWith("application/json") &&
          !res.headers["content-encoding"]
        ) {
          json = JSON.parse(body.toString("utf8"));
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** Opens an authenticated JSON POST whose body the caller writes piece by piece (in flight). */
export function openRequest(
  baseUrl: string,
  path: string,
  contentLength: number,
  onResponse?: (res: IncomingMessage) => void,
): ClientRequest {
  const { hostname, port } = new URL(baseUrl);
  const headers = {
    "Content-Type": "application/json",
    "Content-Length": contentLength,
    Authorization: "Bearer wpm_acme_alice",
  };
  return request({ hostname, port, method: "POST", path, headers }, onResponse);
}
