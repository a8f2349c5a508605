// The one way tests call an RPC: against an app's request listener in process (supertest) or a listening
// server's URL (fetch). Every answer is checked against openapi/: 200 bodies against the RPC's
// response schema, errors against the Connect error schema and code table.
import type { RequestListener } from "node:http";
import type { ValidateFunction } from "ajv";
import request, { type Response } from "supertest";
import { expect } from "vitest";
import { loadOpenApi } from "../../src/adapters/node/load-openapi.js";
import { componentRef, createAjv } from "../../src/contract/create-ajv.js";
import { loadContract } from "../../src/contract/load-contract.js";
import type { ConnectCode } from "../../src/errors/connect-code.js";
import { codeToHttpStatus } from "../../src/protocol/http-status.js";
import { ALICE } from "./fixtures.js";

const doc = loadOpenApi();
const ajv = createAjv(doc);
const validators = new Map<string, ValidateFunction>();
const validateError = ajv.compile(componentRef("ConnectError"));
const contract = loadContract(doc);

for (const [path, item] of Object.entries(doc.paths)) {
  const ok = item.post?.responses["200"];
  const ref = ok && "content" in ok ? ok.content?.["application/json"]?.schema.$ref : undefined;
  if (typeof ref === "string") {
    validators.set(path, ajv.compile(componentRef(ref.replace("#/components/schemas/", ""))));
  }
}

// Bare protocol answers (404 unknown procedure, 405 method, 415 content type) have no body.
const BARE = new Set([404, 405, 415]);
// The HTTP server answers these itself, before any RPC handling, with a Connect body whose
// code goes with the HTTP status rather than the code table.
const HTTP_SERVER_ANSWERS = new Map<number, ConnectCode>([
  [408, "deadline_exceeded"],
  [431, "resource_exhausted"],
]);

/** One answer, the same shape whichever transport carried it. */
export interface RpcResponse {
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The JSON body; `{}` when the body is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the answer holds
  body: any;
  /** The Connect code of an error answer; "ok" for HTTP 200. */
  code: string;
}

export interface CallOptions {
  /** Bearer token; Alice's unless given, none when null. */
  token?: string | null;
  headers?: Record<string, string>;
  /** Appended to the path after `?`, e.g. `token=…`. */
  query?: string;
}

/** Where a call goes: an app served in process, or the base URL of a listening server. */
export type RpcTarget = RequestListener | string;

/** Checks one response against the contract; throws with the ajv errors when it breaks it. */
export function checkResponse(path: string, res: Omit<RpcResponse, "code">): void {
  const validate = validators.get(path);
  if (res.status === 200 && validate) {
    expect(res.headers["content-type"]).toBe("application/json");
    if (!validate(res.body)) {
      throw new Error(
        `response of ${path} breaks the schema: ${ajv.errorsText(validate.errors)}\n${res.text}`,
      );
    }
    return;
  }
  if (BARE.has(res.status) && res.text === "") return;
  expect(res.headers["content-type"]).toBe("application/json");
  if (!validateError(res.body)) {
    throw new Error(
      `error body of ${path} breaks the schema: ${ajv.errorsText(validateError.errors)}\n${res.text}`,
    );
  }
  const code = (res.body as { code: ConnectCode }).code;
  const serverAnswer = HTTP_SERVER_ANSWERS.get(res.status);
  if (serverAnswer) expect(code).toBe(serverAnswer);
  else expect(res.status).toBe(codeToHttpStatus(code));
}

/** The URL path of an RPC named `Service/Method` or by its label; throws for any other name. */
export function rpcPath(rpc: string): string {
  const path = contract.findRpc(rpc)?.path;
  if (path === undefined) throw new Error(`openapi/ has no RPC ${rpc}`);
  return path;
}

/**
 * Calls an RPC, named `Service/Method` or by its label (`GetWarmPool`), with the JSON codec.
 * `body` may be an object (serialised) or raw text/bytes, sent as they are, so tests can send
 * what no serialiser would.
 */
export async function callRpc(
  target: RpcTarget,
  rpc: string,
  body: unknown,
  options: CallOptions = {},
): Promise<RpcResponse> {
  const path = rpcPath(rpc);
  const token = options.token === undefined ? ALICE : options.token;
  const headers: Record<string, string> = {
    "Content-Type": "application/json",
    ...(token !== null ? { Authorization: `Bearer ${token}` } : {}),
    ...options.headers,
  };
  const payload =
    typeof body === "string" || body instanceof Uint8Array ? body : JSON.stringify(body);
  const url = path + (options.query ? `?${options.query}` : "");
  const res =
    typeof target === "string"
      ? await fetchTransport(`${target}${url}`, headers, payload)
      : await supertestTransport(target, url, headers, payload);
  checkResponse(path, res);
  const code = res.status === 200 ? "ok" : String(res.body?.code ?? `http ${res.status}`);
  return { ...res, code };
}

/** Sends an arbitrary HTTP request to an app and checks the answer like `callRpc` does. */
export async function send(
  app: RequestListener,
  method: "get" | "put" | "delete" | "post" | "patch",
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<Response> {
  let req = request(app)[method](path);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  const res =
    body === undefined
      ? await req
      : await req.serialize((data: unknown) => data as string).send(body as string);
  checkResponse(path.split("?")[0] ?? path, res);
  return res;
}

async function supertestTransport(
  app: RequestListener,
  url: string,
  headers: Record<string, string>,
  payload: string | Uint8Array,
): Promise<Omit<RpcResponse, "code">> {
  let req = request(app).post(url);
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  // superagent would JSON-encode a Buffer; raw bytes must reach the server as they are.
  const res = await req.serialize((data: unknown) => data as string).send(payload as string);
  return { status: res.status, headers: res.headers, text: res.text, body: res.body };
}

async function fetchTransport(
  url: string,
  headers: Record<string, string>,
  payload: string | Uint8Array,
): Promise<Omit<RpcResponse, "code">> {
  const response = await fetch(url, { method: "POST", headers, body: payload });
  const text = await response.text();
  let body: unknown = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON: `body` stays empty, as supertest leaves it.
  }
  return { status: response.status, headers: Object.fromEntries(response.headers), text, body };
}

/** The warm pool of a Create/Get/Update answer; throws when the call did not succeed. */
export function warmPoolOf(result: RpcResponse): { id: string; spec: Record<string, unknown> } {
  const pool = result.body?.warmPool as { id: string; spec: Record<string, unknown> } | undefined;
  if (result.code !== "ok" || !pool) throw new Error(`expected a warm pool, got ${result.text}`);
  return pool;
}

/** The pools of a ListWarmPools answer and its next page token ("" on the last page). */
export function pageOf(result: RpcResponse): { pools: { id: string }[]; nextToken: string } {
  if (result.code !== "ok") throw new Error(`expected a page, got ${result.text}`);
  const pagination = result.body.pagination as { nextToken?: string } | undefined;
  return {
    pools: (result.body.warmPools ?? []) as { id: string }[],
    nextToken: pagination?.nextToken ?? "",
  };
}
