// Cases the property-based fuzzer (fuzz-rpcs.test.ts) found, kept as flat examples.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callRpc } from "../support/call-rpc.js";
import { EXISTING_POOL } from "../support/fixtures.js";
import { type RunningServer, startServer } from "../support/start-server.js";

let server: RunningServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe("fuzzer findings", () => {
  it("answers invalid_argument, not 500, for deeply nested objects in a scalar field", async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    const answer = await callRpc(
      server.url,
      "UpdateWarmPool",
      `{"warmPoolId":"${EXISTING_POOL}","minSize":${deep}}`,
    );
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: "invalid_argument",
      message:
        "unmarshal into gitpod.v1.UpdateWarmPoolRequest: invalid value for int32 field minSize: an object",
    });
  });

  it.each([" 3", "3 ", "\t3"])(
    "rejects the numeric string %j with whitespace, as protojson does",
    async (text) => {
      const answer = await callRpc(server.url, "UpdateWarmPool", {
        warmPoolId: EXISTING_POOL,
        minSize: text,
      });
      expect(answer.status).toBe(400);
      expect(answer.body?.code).toBe("invalid_argument");
      expect(answer.body?.message).toBe(
        `unmarshal into gitpod.v1.UpdateWarmPoolRequest: invalid value for int32 field minSize: ${JSON.stringify(text)}`,
      );
    },
  );

  it("rejects a body that starts with a byte order mark, as connect-go does", async () => {
    const body = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(JSON.stringify({ warmPoolId: EXISTING_POOL })),
    ]);
    const answer = await callRpc(server.url, "GetWarmPool", body);
    expect(answer.status).toBe(400);
    expect(answer.body?.code).toBe("invalid_argument");
    expect(answer.body?.message).toMatch(
      /^unmarshal into gitpod\.v1\.GetWarmPoolRequest: invalid JSON/,
    );
  });
});
