// A supertest client that checks every response it receives against openapi/: 200 bodies
// against the RPC's response schema, errors against the Connect error schema and code table.

import type { RequestListener } from "node:http";
import type { ValidateFunction } from "ajv";
import request, { type Response } from "supertest";
import { expect } from "vitest";
import { componentRef, createAjv } from "../../src/contract/create-ajv.js";
import { loadOpenApi } from "../../src/contract/load-openapi.js";
import type { ConnectCode } from "../../src/errors/connect-code.js";
import { codeToHttpStatus } from "../../src/protocol/http-status.js";

const doc = loadOpenApi();
const ajv = createAjv(doc);
const validators = new Map<string, ValidateFunction>();
const validateError = ajv.compile(componentRef("ConnectError"));
const RPC_PREFIX = "/gitpod.v1.PrebuildService/";

for (const [path, item] of Object.entries(doc.paths)) {
  const ok = item.post?.responses["200"];
  const ref = ok && "content" in ok ? ok.content?.["application/json"]?.schema.$ref : undefined;
  if (typeof ref === "string") {
    validators.set(path, ajv.compile(componentRef(ref.replace("#/components/schemas/", ""))));
  }
}

// Bare protocol answers (404 unknown procedure, 405 method, 415 content type) have no body.
const BARE = new Set([404, 405, 415]);

/** Checks one response against the contract; throws with the ajv errors when it breaks it. */
export function checkResponse(path: string, res: Response): void {
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
  expect(res.status).toBe(codeToHttpStatus((res.body as { code: ConnectCode }).code));
}

export interface CallOptions {
  token?: string | null;
  headers?: Record<string, string>;
  query?: string;
}

export const ALICE = "wpm_acme_alice";
export const BOB = "wpm_globex_bob";

/** Calls an RPC with a JSON body (an object, or raw text/bytes sent as they are). */
export async function call(
  app: RequestListener,
  method: string,
  body: unknown,
  options: CallOptions = {},
): Promise<Response> {
  const path = RPC_PREFIX + method;
  let req = request(app).post(path + (options.query ? `?${options.query}` : ""));
  const token = options.token === undefined ? ALICE : options.token;
  if (token !== null) req = req.set("Authorization", `Bearer ${token}`);
  req = req.set("Content-Type", "application/json");
  for (const [k, v] of Object.entries(options.headers ?? {})) req = req.set(k, v);
  const payload = typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  // superagent would JSON-encode a Buffer; raw bytes must reach the server as they are.
  const res = await req.serialize((data: unknown) => data as string).send(payload as string);
  checkResponse(path, res);
  return res;
}

/** Sends an arbitrary HTTP request to a path and checks the answer like `call` does. */
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
