/** What came back from one RPC call, parsed as far as it parses. */
export interface RpcResult {
  status: number;
  headers: Headers;
  text: string;
  /** The JSON body, or undefined when the body is not JSON. */
  json: Record<string, unknown> | undefined;
  /** The Connect code of an error answer; "ok" for HTTP 200. */
  code: string;
}

export interface CallOptions {
  token?: string | null;
  headers?: Record<string, string>;
  /** Appended to the URL, e.g. `?token=…`. */
  query?: string;
}

/**
 * POSTs one Connect unary call with the JSON codec. `body` may be an object (serialised) or
 * raw text/bytes, so tests can send what no serialiser would.
 */
export async function callRpc(
  baseUrl: string,
  method: string,
  body: unknown,
  options: CallOptions = {},
): Promise<RpcResult> {
  const raw = typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const token = options.token === undefined ? "wpm_acme_alice" : options.token;
  const response = await fetch(
    `${baseUrl}/gitpod.v1.PrebuildService/${method}${options.query ?? ""}`,
    {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...options.headers,
      },
      body: raw,
    },
  );
  const text = await response.text();
  let json: Record<string, unknown> | undefined;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    json = undefined;
  }
  const code = response.status === 200 ? "ok" : String(json?.code ?? `http ${response.status}`);
  return { status: response.status, headers: response.headers, text, json, code };
}

/** The warm pool of a Create/Get/Update answer; throws when the call did not succeed. */
export function warmPoolOf(result: RpcResult): { id: string; spec: Record<string, unknown> } {
  const pool = result.json?.warmPool as { id: string; spec: Record<string, unknown> } | undefined;
  if (result.code !== "ok" || !pool) throw new Error(`expected a warm pool, got ${result.text}`);
  return pool;
}

/** The pools of a ListWarmPools answer and its next page token ("" on the last page). */
export function pageOf(result: RpcResult): { pools: { id: string }[]; nextToken: string } {
  if (result.code !== "ok" || !result.json) throw new Error(`expected a page, got ${result.text}`);
  const pagination = result.json.pagination as { nextToken?: string } | undefined;
  return {
    pools: (result.json.warmPools ?? []) as { id: string }[],
    nextToken: pagination?.nextToken ?? "",
  };
}
