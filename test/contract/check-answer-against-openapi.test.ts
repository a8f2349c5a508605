import { describe, expect, it } from "vitest";
import { answerProblems } from "../support/check-answer-against-openapi.js";
import type { RawResponse } from "../support/raw-request.js";

// The checker that test/connect-unexpected-requests.test.ts runs on every answer must be able
// to fail: each answer here breaks the document in one way.
const rpc = (method: string) => `http://127.0.0.1:1/gitpod.v1.PrebuildService/${method}`;
const answer = (status: number, headers: Record<string, string> = {}, body = ""): RawResponse => ({
  status,
  headers,
  body: Buffer.from(body),
  json: body ? (JSON.parse(body) as unknown) : undefined,
});

describe("answerProblems", () => {
  it("accepts the bare refusals the document declares", () => {
    expect(answerProblems("PUT", rpc("CreateWarmPool"), answer(405, { allow: "POST" }))).toEqual(
      [],
    );
    expect(answerProblems("HEAD", rpc("GetWarmPool"), answer(405, { allow: "GET, POST" }))).toEqual(
      [],
    );
    expect(answerProblems("POST", rpc("GetWarmPool"), answer(415))).toEqual([]);
    expect(answerProblems("POST", rpc("NoSuchMethod"), answer(404))).toEqual([]);
    expect(answerProblems("POST", "http://127.0.0.1:1/", answer(404))).toEqual([]);
  });

  it("flags a missing or wrong header, a body where none is declared, an undeclared status", () => {
    expect(answerProblems("PUT", rpc("CreateWarmPool"), answer(405))).toHaveLength(1);
    expect(
      answerProblems("PUT", rpc("CreateWarmPool"), answer(405, { allow: "GET, POST" })),
    ).toHaveLength(1);
    const withBody = answer(415, { "content-type": "application/json" }, '{"code":"internal"}');
    expect(answerProblems("POST", rpc("GetWarmPool"), withBody)).toHaveLength(1);
    expect(answerProblems("PUT", rpc("CreateWarmPool"), answer(404))).toHaveLength(1);
    expect(answerProblems("OPTIONS", rpc("CreateWarmPool"), answer(405))).toHaveLength(1);
    expect(answerProblems("POST", "http://127.0.0.1:1/a/b/c", answer(404, {}, "{}"))).toHaveLength(
      1,
    );
  });

  it("checks error bodies against ConnectError and content types against the declared ones", () => {
    const json = { "content-type": "application/json" };
    expect(
      answerProblems("POST", rpc("GetWarmPool"), answer(404, json, '{"code":"not_found"}')),
    ).toEqual([]);
    expect(
      answerProblems("POST", rpc("GetWarmPool"), answer(404, json, '{"code":"no_such_code"}')),
    ).toHaveLength(1);
    expect(
      answerProblems("POST", rpc("GetWarmPool"), answer(400, { "content-type": "text/plain" }, "")),
    ).toHaveLength(1);
  });
});
