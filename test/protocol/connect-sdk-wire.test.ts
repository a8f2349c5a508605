import { request } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { gunzipSync, gzipSync } from "node:zlib";
import {
  create,
  equals,
  fromBinary,
  fromJson,
  type JsonValue,
  toBinary,
  toJson,
} from "@bufbuild/protobuf";
import { describe, expect, it } from "vitest";
import { ViolationsSchema } from "../../src/gen/buf/validate/validate_pb.js";
import {
  CreateWarmPoolRequestSchema,
  GetWarmPoolRequestSchema,
  GetWarmPoolResponseSchema,
  ListWarmPoolsResponseSchema,
} from "../../src/gen/gitpod/v1/prebuild_pb.js";
import { getProtoSchema } from "../../src/protocol/proto-registry.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { WorldStore } from "../../src/store/world-store.js";
import { createManualClock } from "../support/create-manual-clock.js";
import { ALICE, EXISTING_POOL, WEB_APP, XLARGE } from "../support/fixtures.js";
import { listen } from "../support/listen.js";
import { rawRequest } from "../support/raw-request.js";
import { rpcCases } from "../support/rpc-table.js";

const store = new WorldStore(loadDefaultWorld());
const base = await listen({
  store,
  latencyMs: (method) => (method === "CreateWarmPool" ? 150 : 0),
});
const rpc = (method: string) => `${base}/gitpod.v1.PrebuildService/${method}`;
const auth = { Authorization: `Bearer ${ALICE}` };
const getJson = JSON.stringify({ warmPoolId: EXISTING_POOL });
const getProto = toBinary(
  GetWarmPoolRequestSchema,
  create(GetWarmPoolRequestSchema, { warmPoolId: EXISTING_POOL }),
);
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

describe("Connect GET on side-effect-free methods", () => {
  it.each([
    [
      "JSON, URL-encoded",
      `connect=v1&encoding=json&message=${encodeURIComponent(getJson)}`,
      "json",
    ],
    [
      "JSON, parameters in another order plus unknown ones",
      `message=${encodeURIComponent(getJson)}&x=1&encoding=json&connect=v1&cachebust=7`,
      "json",
    ],
    [
      "JSON, base64 unpadded",
      `encoding=json&base64=1&message=${b64url(Buffer.from(getJson))}`,
      "json",
    ],
    [
      "proto, base64 padded",
      `encoding=proto&base64=1&message=${Buffer.from(getProto).toString("base64").replaceAll("+", "-").replaceAll("/", "_")}`,
      "proto",
    ],
    [
      "proto, gzip, base64",
      `encoding=proto&base64=1&compression=gzip&message=${b64url(gzipSync(getProto))}`,
      "proto",
    ],
    [
      "proto, raw bytes percent-encoded",
      `encoding=proto&message=${[...getProto].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("")}`,
      "proto",
    ],
  ])("%s", async (_name, query, codec) => {
    const res = await rawRequest(`${rpc("GetWarmPool")}?${query}`, { headers: auth });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe(`application/${codec}`);
    const id =
      codec === "json"
        ? (res.json as { warmPool: { id: string } }).warmPool.id
        : fromBinary(GetWarmPoolResponseSchema, res.body).warmPool?.id;
    expect(id).toBe(EXISTING_POOL);
  });

  it("ListWarmPools answers GET with an empty proto message", async () => {
    const res = await rawRequest(`${rpc("ListWarmPools")}?encoding=proto&message=`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    expect(fromBinary(ListWarmPoolsResponseSchema, res.body).warmPools.length).toBeGreaterThan(1);
  });

  it("a missing message is invalid_argument; bad base64 too", async () => {
    const missing = await rawRequest(`${rpc("GetWarmPool")}?connect=v1&encoding=json`, {
      headers: auth,
    });
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      code: "invalid_argument",
      message: "missing message query parameter",
    });
    const bad = await rawRequest(`${rpc("GetWarmPool")}?encoding=json&base64=1&message=%24%24`, {
      headers: auth,
    });
    expect(bad.status).toBe(400);
  });
});

describe("compression", () => {
  it("gzips the response when the client accepts gzip, and not when q=0", async () => {
    for (const [accept, gzipped] of [
      ["gzip", true],
      ["br, gzip;q=0.5", true],
      ["gzip;q=0", false],
      ["identity", false],
    ] as const) {
      const res = await rawRequest(rpc("GetWarmPool"), {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json", "Accept-Encoding": accept },
        body: getJson,
      });
      expect(res.status, accept).toBe(200);
      expect(res.headers["content-encoding"], accept).toBe(gzipped ? "gzip" : undefined);
      const text = (gzipped ? gunzipSync(res.body) : res.body).toString();
      expect(JSON.parse(text).warmPool.id).toBe(EXISTING_POOL);
    }
  });

  it("inflates gzip request bodies in both codecs", async () => {
    const json = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json", "Content-Encoding": "gzip" },
      body: gzipSync(getJson),
    });
    const proto = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/proto", "Content-Encoding": "gzip" },
      body: gzipSync(getProto),
    });
    expect([json.status, proto.status]).toEqual([200, 200]);
    expect(fromBinary(GetWarmPoolResponseSchema, proto.body).warmPool?.id).toBe(EXISTING_POOL);
  });
});

describe("binary codec", () => {
  it("validates a binary request with the same rules and details as JSON", async () => {
    const bad = create(CreateWarmPoolRequestSchema, { projectId: "not-a-uuid", maxSize: 0 });
    const proto = await rawRequest(rpc("CreateWarmPool"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/proto" },
      body: toBinary(CreateWarmPoolRequestSchema, bad),
    });
    const json = await rawRequest(rpc("CreateWarmPool"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ projectId: "not-a-uuid", maxSize: 0 }),
    });
    expect(proto.status).toBe(400);
    expect(proto.headers["content-type"]).toBe("application/json");
    expect(proto.json).toEqual(json.json);
    const body = proto.json as {
      message: string;
      details: { type: string; value: string; debug: unknown }[];
    };
    expect(body.message).toBe(
      [
        "validation error:",
        " - project_id: value must be a valid UUID [string.uuid]",
        " - environment_class_id: value is required [required]",
        " - max_size: value must be greater than or equal to 1 and less than or equal to 20 [int32.gte_lte]",
      ].join("\n"),
    );
    const [detail] = body.details;
    expect(detail?.type).toBe("buf.validate.Violations");
    expect(detail?.value).toMatch(/^[A-Za-z0-9+/]+$/); // standard alphabet, unpadded
    const decoded = fromBinary(ViolationsSchema, Buffer.from(detail?.value ?? "", "base64"));
    expect(detail?.debug).toEqual(toJson(ViolationsSchema, decoded));
    expect(
      decoded.violations.map((v) => [v.field?.elements[0]?.fieldNumber, v.constraintId, v.message]),
    ).toEqual([
      [1, "string.uuid", "value must be a valid UUID"],
      [2, "required", "value is required"],
      [5, "int32.gte_lte", "value must be greater than or equal to 1 and less than or equal to 20"],
    ]);
    expect(decoded.violations[0]?.rule?.elements.map((e) => e.fieldName)).toEqual([
      "string",
      "uuid",
    ]);
  });

  it("reports a list element's index in the violation path", async () => {
    const res = await rawRequest(rpc("ListWarmPools"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/json" },
      body: JSON.stringify({ filter: { projectIds: [WEB_APP, "x"] } }),
    });
    const detail = (res.json as { details: { value: string }[] }).details[0];
    const [violation] = fromBinary(
      ViolationsSchema,
      Buffer.from(detail?.value ?? "", "base64"),
    ).violations;
    expect(violation?.field?.elements.map((e) => [e.fieldName, e.subscript])).toEqual([
      ["filter", { case: undefined }],
      ["project_ids", { case: "index", value: 1n }],
    ]);
  });

  it("ignores unknown fields in a binary request, as connect-go does", async () => {
    const withUnknown = Buffer.concat([Buffer.from(getProto), Buffer.from([0xa0, 0x06, 0x01])]); // field 100 = 1
    const res = await rawRequest(rpc("GetWarmPool"), {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/proto" },
      body: withUnknown,
    });
    expect(res.status).toBe(200);
  });
});

describe("deadlines", () => {
  const createBody = JSON.stringify({ projectId: WEB_APP, environmentClassId: XLARGE });
  const headers = { ...auth, "Content-Type": "application/json" };

  it("answers deadline_exceeded at the deadline when the latency is longer, and changes nothing", async () => {
    const before = store.snapshot().warmPools.length;
    const started = performance.now();
    const res = await rawRequest(rpc("CreateWarmPool"), {
      method: "POST",
      headers: { ...headers, "Connect-Timeout-Ms": "40" },
      body: createBody,
    });
    expect(res.status).toBe(504);
    expect((res.json as { code: string }).code).toBe("deadline_exceeded");
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(store.snapshot().warmPools.length).toBe(before);
  });

  it("drops a call whose client goes away during the latency", async () => {
    const before = store.snapshot().warmPools.length;
    const req = request(rpc("CreateWarmPool"), { method: "POST", headers });
    req.on("error", () => {});
    req.end(createBody);
    await sleep(40);
    req.destroy();
    await sleep(250);
    expect(store.snapshot().warmPools.length).toBe(before);
  });

  it("runs the call after the latency when the deadline allows it", async () => {
    const res = await rawRequest(rpc("CreateWarmPool"), {
      method: "POST",
      headers: { ...headers, "Connect-Timeout-Ms": "5000" },
      body: createBody,
    });
    expect(res.status).toBe(200);
  });
});

// Every RPC, its sample request on a fresh world per codec (same IDs, same clock): the binary
// answer holds the JSON answer's message, and a side-effect-free RPC answers a GET as a POST.
describe("every RPC in both codecs", () => {
  const answerOn = async (path: string, init: Parameters<typeof rawRequest>[1]) => {
    let n = 0;
    const url = await listen({
      clock: createManualClock(),
      newId: () => `00000000-0000-4000-8000-${String(++n).padStart(12, "0")}`,
    });
    return rawRequest(`${url}${path}`, init);
  };

  it.each(rpcCases().map((c) => [c.label, c] as const))(
    "%s: the binary answer to the sample request holds the JSON answer's message",
    async (_label, { rpc, valid }) => {
      const requestSchema = getProtoSchema(rpc.request.typeName);
      const responseSchema = getProtoSchema(rpc.response.typeName);
      const json = await answerOn(rpc.path, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify(valid),
      });
      const proto = await answerOn(rpc.path, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/proto" },
        body: toBinary(requestSchema, fromJson(requestSchema, valid as JsonValue)),
      });
      expect([json.status, proto.status]).toEqual([200, 200]);
      expect(proto.headers["content-type"]).toBe("application/proto");
      const fromJsonAnswer = fromJson(responseSchema, json.json as JsonValue);
      expect(equals(responseSchema, fromBinary(responseSchema, proto.body), fromJsonAnswer)).toBe(
        true,
      );
    },
  );

  const reads = rpcCases().filter((c) => c.rpc.idempotency === "NO_SIDE_EFFECTS");
  it.each(reads.map((c) => [c.label, c] as const))(
    "%s answers the sample request over GET, in both codecs, as over POST",
    async (_label, { rpc, valid }) => {
      const requestSchema = getProtoSchema(rpc.request.typeName);
      const responseSchema = getProtoSchema(rpc.response.typeName);
      const binary = toBinary(requestSchema, fromJson(requestSchema, valid as JsonValue));
      const post = await rawRequest(`${base}${rpc.path}`, {
        method: "POST",
        headers: { ...auth, "Content-Type": "application/json" },
        body: JSON.stringify(valid),
      });
      const getJson = await rawRequest(
        `${base}${rpc.path}?connect=v1&encoding=json&message=${encodeURIComponent(JSON.stringify(valid))}`,
        { headers: auth },
      );
      const getProto = await rawRequest(
        `${base}${rpc.path}?connect=v1&encoding=proto&base64=1&message=${b64url(binary)}`,
        { headers: auth },
      );
      expect([post.status, getJson.status, getProto.status]).toEqual([200, 200, 200]);
      expect(getJson.json).toEqual(post.json);
      const posted = fromJson(responseSchema, post.json as JsonValue);
      expect(equals(responseSchema, fromBinary(responseSchema, getProto.body), posted)).toBe(true);
    },
  );
});
