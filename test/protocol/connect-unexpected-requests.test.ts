import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { answerProblems } from "../support/check-answer-against-openapi.js";
import { ALICE, EXISTING_POOL } from "../support/fixtures.js";
import { listen } from "../support/listen.js";
import { type RawResponse, rawRequest as sendRaw } from "../support/raw-request.js";
import { rpcCases } from "../support/rpc-table.js";

// The Connect conformance suite's "unexpected request" cases, as raw HTTP. Every answer must
// also be one openapi/warm-pools.yaml describes: status, headers, and body or its absence.
const base = await listen();

async function rawRequest(
  url: string,
  init: Parameters<typeof sendRaw>[1] = {},
): Promise<RawResponse> {
  const res = await sendRaw(url, init);
  expect(answerProblems(init.method ?? "GET", url, res)).toEqual([]);
  return res;
}
const rpc = (method: string) => `${base}/gitpod.v1.PrebuildService/${method}`;
const auth = { Authorization: `Bearer ${ALICE}` };
const json = { ...auth, "Content-Type": "application/json" };
const getBody = JSON.stringify({ warmPoolId: EXISTING_POOL });

describe("wrong HTTP verb", () => {
  // Every RPC refuses the verbs it does not take; GET is an RPC call only for side-effect-free
  // methods, and a side-effecting one refuses even a well-formed Connect GET.
  const refusals = rpcCases().flatMap(({ rpc, label }) => {
    const reads = rpc.idempotency === "NO_SIDE_EFFECTS";
    const verbs = ["PUT", "DELETE", "PATCH", "HEAD", ...(reads ? [] : ["GET"])];
    return verbs.map((verb) => [verb, label, reads ? "GET, POST" : "POST", rpc.path] as const);
  });

  it.each(refusals)("%s on %s is a bare 405 Allow: %s", async (verb, _label, allow, path) => {
    const query = verb === "GET" ? "?connect=v1&encoding=json&message=%7B%7D" : "";
    const res = await rawRequest(`${base}${path}${query}`, {
      method: verb,
      headers: verb === "GET" ? auth : json,
    });
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe(allow);
    expect(res.body.length).toBe(0);
  });
});

describe("unknown codec or content type", () => {
  it.each([
    "text/plain",
    "application/grpc",
    "application/xml",
    "application/json; charset=latin1",
    "",
  ])("Content-Type %j is a bare 415 advertising the codecs", async (contentType) => {
    const headers: Record<string, string> = { ...auth };
    if (contentType) headers["Content-Type"] = contentType;
    const res = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: headers,
      body: getBody,
    });
    expect(res.status).toBe(415);
    expect(res.headers["accept-post"]).toBe(
      "application/json, application/json; charset=utf-8, application/proto",
    );
    expect(res.body.length).toBe(0);
  });

  it("GET with an unknown or missing encoding is a bare 415", async () => {
    for (const query of [
      "encoding=xml&message=x",
      "message=%7B%7D",
      "encoding=JSON&message=%7B%7D",
    ]) {
      const res = await rawRequest(`${rpc("GetWarmPool")}?${query}`, { headers: auth });
      expect(res.status, query).toBe(415);
      expect(res.body.length).toBe(0);
    }
  });

  it("GET with a body is a bare 415", async () => {
    const res = await rawRequest(
      `${rpc("GetWarmPool")}?encoding=json&message=${encodeURIComponent(getBody)}`,
      { headers: { ...json, "Content-Length": String(getBody.length) }, body: getBody },
    );
    expect(res.status).toBe(415);
  });
});

describe("unknown path", () => {
  it.each([
    "/gitpod.v1.PrebuildService/NoSuchMethod",
    "/gitpod.v1.PrebuildService/getWarmPool",
    "/gitpod.v1.prebuildservice/GetWarmPool",
    "/gitpod.v1.PrebuildService/GetWarmPool/extra",
    "/",
  ])("POST %s is a bare 404", async (path) => {
    const res = await rawRequest(`${base}${path}`, { method: "POST", headers: json, body: "{}" });
    expect(res.status).toBe(404);
    expect(res.body.length).toBe(0);
  });
});

describe("unknown compression", () => {
  it("Content-Encoding br is unimplemented, naming the supported encodings", async () => {
    const res = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...json, "Content-Encoding": "br" },
      body: getBody,
    });
    expect(res.status).toBe(501);
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.json).toEqual({
      code: "unimplemented",
      message: 'unknown compression "br": supported encodings are identity, gzip',
    });
  });

  it("a GET compression=snappy is unimplemented too", async () => {
    const res = await rawRequest(
      `${rpc("GetWarmPool")}?encoding=json&compression=snappy&message=${encodeURIComponent(getBody)}`,
      { headers: auth },
    );
    expect(res.status).toBe(501);
    expect((res.json as { code: string }).code).toBe("unimplemented");
  });
});

describe("bad timeout or protocol version", () => {
  it.each(["abc", "-1", "0", "1.5", "100 ms", "12345678901", "1e3", "+5"])(
    "Connect-Timeout-Ms %j is invalid_argument",
    async (timeout) => {
      const res = await rawRequest(rpc("GetWarmPool"), {
        method: "POST",
        headers: { ...json, "Connect-Timeout-Ms": timeout },
        body: getBody,
      });
      expect(res.status).toBe(400);
      expect((res.json as { code: string }).code).toBe("invalid_argument");
      expect((res.json as { message: string }).message).toContain("Connect-Timeout-Ms");
    },
  );

  it("a ten-digit timeout is fine", async () => {
    const res = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...json, "Connect-Timeout-Ms": "9999999999" },
      body: getBody,
    });
    expect(res.status).toBe(200);
  });

  it("Connect-Protocol-Version 2 and GET connect=v2 are invalid_argument", async () => {
    const post = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...json, "Connect-Protocol-Version": "2" },
      body: getBody,
    });
    const get = await rawRequest(
      `${rpc("GetWarmPool")}?connect=v2&encoding=json&message=${encodeURIComponent(getBody)}`,
      { headers: auth },
    );
    expect([post.status, get.status]).toEqual([400, 400]);
  });
});

describe("empty protocol versions (issue 21's transcript)", () => {
  // connect-go reads the header and the parameter with Get and treats "" as not sent.
  it("an empty Connect-Protocol-Version header and an empty connect= are absent, not wrong", async () => {
    const post = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...json, "Connect-Protocol-Version": "" },
      body: getBody,
    });
    const get = await rawRequest(
      `${rpc("GetWarmPool")}?connect=&encoding=json&message=${encodeURIComponent(getBody)}`,
      { headers: auth },
    );
    expect([post.status, get.status]).toEqual([200, 200]);
    expect(JSON.parse(get.body.toString())).toEqual(JSON.parse(post.body.toString()));
  });
});

describe("bodies that are not messages", () => {
  it("an empty JSON body is invalid_argument but an empty proto body is a default message", async () => {
    const empty = await rawRequest(rpc("ListWarmPools"), { method: "POST", headers: json });
    expect(empty.status).toBe(400);
    const proto = await rawRequest(rpc("ListWarmPools"), {
      method: "POST",
      headers: {
        ...auth,
        "Content-Type": "application/proto",
      },
    });
    expect(proto.status).toBe(200);
    expect(proto.headers["content-type"]).toBe("application/proto");
  });

  it("malformed protobuf bytes are invalid_argument answered in JSON", async () => {
    const res = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/proto" },
      body: Uint8Array.from([0x0a, 0x7f, 0x01]),
    });
    expect(res.status).toBe(400);
    expect(res.headers["content-type"]).toBe("application/json");
    expect((res.json as { code: string }).code).toBe("invalid_argument");
  });

  it("a corrupt gzip body is invalid_argument; an empty gzip-labelled proto body is not inflated", async () => {
    const corrupt = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...json, "Content-Encoding": "gzip" },
      body: "not gzip",
    });
    expect(corrupt.status).toBe(400);
    const empty = await rawRequest(rpc("ListWarmPools"), {
      method: "POST",
      headers: {
        ...auth,
        "Content-Type": "application/proto",
        "Content-Encoding": "gzip",
      },
    });
    expect(empty.status).toBe(200);
  });

  it("a gzip bomb is resource_exhausted, not an out-of-memory", async () => {
    const bomb = gzipSync(Buffer.alloc(16 * 1024 * 1024, 0x20)); // 16 MiB of spaces in ~16 KiB
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const res = await rawRequest(rpc("ListWarmPools"), {
      method: "POST",
      headers: { ...json, "Content-Encoding": "gzip" },
      body: bomb,
    });
    expect(res.status).toBe(429);
    expect((res.json as { code: string }).code).toBe("resource_exhausted");
  });
});
