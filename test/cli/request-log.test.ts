import { Writable } from "node:stream";
import { pino } from "pino";
import request from "supertest";
import { describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/adapters/express/create-app.js";
import { startMock } from "../../src/index.js";
import { EXISTING_POOL } from "../support/fixtures.js";
import { openRequest } from "../support/raw-request.js";

const RPC = "/gitpod.v1.PrebuildService";

function createCapturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

describe("request log", () => {
  it("writes one line per request with rpc, Connect code, HTTP status and latency", async () => {
    const { logger, lines } = createCapturingLogger();
    const app = createApp({ logger });
    await request(app)
      .post(`${RPC}/GetWarmPool`)
      .set("Authorization", "Bearer wpm_acme_alice")
      .send({ warmPoolId: EXISTING_POOL })
      .expect(200);
    await request(app).post(`${RPC}/GetWarmPool`).send({}).expect(401);
    await request(app)
      .post(`${RPC}/GetWarmPool`)
      .set("Authorization", "Bearer wpm_acme_alice")
      .send({ warmPoolId: "nope" })
      .expect(400);
    await request(app).post(`${RPC}/Nope`).expect(404);
    await request(app).put(`${RPC}/ListWarmPools`).expect(405);
    await request(app).get("/healthz").expect(200);
    await new Promise((resolve) => setImmediate(resolve));

    const summary = lines.map(({ rpc, code, status, level }) => ({ rpc, code, status, level }));
    expect(summary).toEqual([
      { rpc: "GetWarmPool", code: "ok", status: 200, level: 30 },
      { rpc: "GetWarmPool", code: "unauthenticated", status: 401, level: 30 },
      { rpc: "GetWarmPool", code: "invalid_argument", status: 400, level: 30 },
      { rpc: "PrebuildService/Nope", code: "unimplemented", status: 404, level: 30 },
      { rpc: "ListWarmPools", code: "unknown", status: 405, level: 30 },
      { rpc: "/healthz", code: "ok", status: 200, level: 20 },
    ]);
    for (const line of lines) {
      expect(typeof line.ms).toBe("number");
      expect(line.ms as number).toBeGreaterThanOrEqual(0);
      expect(line.msg).toBe(`${line.rpc} ${line.code}`);
    }
  });

  it("logs a request the client abandons mid-body as canceled (499)", async () => {
    const { logger, lines } = createCapturingLogger();
    const mock = await startMock({ logger });
    try {
      const req = openRequest(mock.url, `${RPC}/GetWarmPool`, 100);
      req.on("error", () => {});
      req.write('{"warmPoolId":');
      await new Promise((resolve) => setTimeout(resolve, 100));
      req.destroy();
      await vi.waitFor(() => expect(lines).toHaveLength(1));
      expect(lines[0]).toMatchObject({ rpc: "GetWarmPool", code: "canceled", status: 499 });
    } finally {
      await mock.close();
    }
  });

  it("answers /healthz cheaply, outside the RPC namespace, without logging at info", async () => {
    const { logger, lines } = createCapturingLogger();
    logger.level = "info";
    const res = await request(createApp({ logger })).get("/healthz").expect(200);
    expect(res.body).toEqual({ status: "ok" });
    expect(res.headers["cache-control"]).toBe("no-store");
    await request(createApp()).head("/healthz").expect(200);
    expect(lines).toEqual([]);
  });
});
