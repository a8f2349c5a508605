import { afterEach, describe, expect, it } from "vitest";
import { growWorld, syntheticUuid } from "../../scripts/grow-world.js";
import { loadContract } from "../../src/contract/load-contract.js";
import { readPoolSizeLimits } from "../../src/contract/read-pool-size-limits.js";
import { loadDefaultWorld } from "../../src/store/load-default-world.js";
import { callRpc, warmPoolOf } from "../support/call-rpc.js";
import { createManualClock } from "../support/create-manual-clock.js";
import {
  ACME_ORG,
  ALICE,
  BOB,
  GLOBEX_CLASS,
  GLOBEX_ORG,
  LARGE,
  STANDARD,
  WEB_APP,
} from "../support/fixtures.js";
import { openRawConnection, sleep } from "../support/raw-http.js";
import { type RunningServer, startServer } from "../support/start-server.js";

const contract = loadContract();
const POOL_SIZE_LIMITS = readPoolSizeLimits(contract.doc);
const LIST_PATH = "/gitpod.v1.PrebuildService/ListWarmPools";
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(...args: Parameters<typeof startServer>): Promise<RunningServer> {
  server = await startServer({ contract, ...args[0] }, args[1]);
  return server;
}

describe("body size limit", () => {
  it("accepts a body of exactly the limit and rejects one byte more as resource_exhausted", async () => {
    const { url, store } = await start();
    const fits = `{}${" ".repeat(1024 * 1024 - 2)}`;
    expect((await callRpc(url, "ListWarmPools", fits)).code).toBe("ok");
    const before = store.snapshot();
    const create = JSON.stringify({
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    const tooBig = `${create}${" ".repeat(1024 * 1024 + 1 - create.length)}`;
    const answer = await callRpc(url, "CreateWarmPool", tooBig);
    expect(answer.status).toBe(429);
    expect(answer.body).toEqual({
      code: "resource_exhausted",
      message: "request body is larger than the limit of 1048576 bytes",
    });
    // Stainless SDKs retry 429s unless told that a retry cannot help.
    expect(answer.headers["x-should-retry"]).toBe("false");
    expect(store.snapshot()).toEqual(before);
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
  });

  it("follows the maxBodyBytes option, for chunked bodies too", async () => {
    const { url } = await start({ maxBodyBytes: 64 });
    expect((await callRpc(url, "ListWarmPools", `{}${" ".repeat(62)}`)).code).toBe("ok");
    expect((await callRpc(url, "ListWarmPools", `{}${" ".repeat(63)}`)).code).toBe(
      "resource_exhausted",
    );
    const chunked = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new TextEncoder().encode("          "));
        controller.enqueue(new TextEncoder().encode("{}"));
        controller.close();
      },
    });
    const response = await fetch(`${url}${LIST_PATH}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${ALICE}` },
      body: chunked,
      duplex: "half",
    } as RequestInit);
    expect(response.status).toBe(429);
    expect(await response.json()).toMatchObject({ code: "resource_exhausted" });
  });
});

describe("header size limit", () => {
  it("answers 431 with a resource_exhausted Connect body, and keeps serving", async () => {
    const { url } = await start({}, { maxHeaderBytes: 4096 });
    const answer = await callRpc(
      url,
      "ListWarmPools",
      {},
      { headers: { "X-Big": "a".repeat(8000) } },
    );
    expect(answer.status).toBe(431);
    expect(answer.body).toEqual({
      code: "resource_exhausted",
      message: "request headers are larger than the limit of 4096 bytes",
    });
    expect(answer.headers["x-should-retry"]).toBe("false");
    const fits = await callRpc(
      url,
      "ListWarmPools",
      {},
      { headers: { "X-Big": "a".repeat(3000) } },
    );
    expect(fits.code).toBe("ok");
  });

  it("answers 431 on a keep-alive connection after an earlier request, too", async () => {
    const { port } = await start({}, { maxHeaderBytes: 4096 });
    const conn = await openRawConnection(port);
    const head = `POST ${LIST_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ALICE}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n`;
    conn.socket.write(`${head}\r\n{}`);
    await sleep(100);
    conn.socket.write(`${head}X-Big: ${"a".repeat(8000)}\r\n\r\n{}`);
    await conn.closed;
    const answers = conn.received().match(/HTTP\/1\.1 \d{3}/g);
    expect(answers).toEqual(["HTTP/1.1 200", "HTTP/1.1 431"]);
  });
});

describe("rate limit", () => {
  it("is off by default", async () => {
    const { url } = await start();
    const codes = await Promise.all(
      Array.from({ length: 50 }, () => callRpc(url, "ListWarmPools", {}).then((r) => r.code)),
    );
    expect(new Set(codes)).toEqual(new Set(["ok"]));
  });

  it("limits each principal with a token bucket and tells clients when to retry", async () => {
    // A slow rate, so that a loaded CI machine cannot refill the bucket between requests.
    const { url } = await start({ rateLimit: { requestsPerSecond: 1, burst: 2 } });
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
    const limited = await callRpc(url, "ListWarmPools", {});
    expect(limited.status).toBe(429);
    expect(limited.body?.code).toBe("resource_exhausted");
    expect(limited.body?.message).toMatch(
      /^rate limit of 1 requests per second \(burst 2\) exceeded; retry in \d+ ms$/,
    );
    const retryAfterMs = Number(limited.headers["retry-after-ms"]);
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1000);
    expect(limited.headers["retry-after"]).toBe("1");
    expect(limited.headers["x-should-retry"]).toBeUndefined();
    // Another principal has its own bucket; a request without a token is still unauthenticated.
    expect((await callRpc(url, "ListWarmPools", {}, { token: BOB })).code).toBe("ok");
    expect((await callRpc(url, "ListWarmPools", {}, { token: null })).code).toBe("unauthenticated");
    await sleep(retryAfterMs + 20);
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
  });

  it("counts unknown tokens as the default principal they stand for", async () => {
    const { url } = await start({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
    expect((await callRpc(url, "ListWarmPools", {}, { token: "someone-else" })).code).toBe("ok");
    expect((await callRpc(url, "ListWarmPools", {}, { token: ALICE })).code).toBe(
      "resource_exhausted",
    );
  });
});

describe("socket timeouts", () => {
  const limits = { headersTimeoutMs: 400, requestTimeoutMs: 800 };

  it("drops a slowloris client that trickles headers while serving everyone else", async () => {
    // Long enough for the normal requests to finish first even on a loaded machine.
    const { port, url } = await start({}, { headersTimeoutMs: 1500, requestTimeoutMs: 3000 });
    const slow = await openRawConnection(port);
    slow.socket.write(`POST ${LIST_PATH} HTTP/1.1\r\nHost: x\r\n`);
    let closedAt: number | undefined;
    void slow.closed.then(() => {
      closedAt = performance.now();
    });
    const trickle = setInterval(() => slow.socket.writable && slow.socket.write("X-A: b\r\n"), 50);
    const served: number[] = [];
    try {
      for (let i = 0; i < 5; i++) {
        expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
        served.push(performance.now());
      }
      await Promise.race([slow.closed, sleep(5000)]);
    } finally {
      clearInterval(trickle);
    }
    expect(closedAt).toBeDefined();
    // Every normal request was answered while the slow client was still connected.
    expect(Math.max(...served)).toBeLessThan(closedAt as number);
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(slow.received()).toContain('"code":"deadline_exceeded"');
  });

  it("drops a client that trickles its body", async () => {
    const { port, url } = await start({}, limits);
    const slow = await openRawConnection(port);
    slow.socket.write(
      `POST ${LIST_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ALICE}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{`,
    );
    const trickle = setInterval(() => slow.socket.writable && slow.socket.write(" "), 50);
    try {
      expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
      await Promise.race([slow.closed, sleep(5000)]);
    } finally {
      clearInterval(trickle);
    }
    expect(slow.socket.destroyed).toBe(true);
    // The app was still waiting for the body, so nothing had been written yet: a clean 408.
    expect(slow.received()).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
  });

  it("closes a keep-alive connection left idle after a request", async () => {
    const { port } = await start({}, { ...limits, keepAliveTimeoutMs: 200 });
    const conn = await openRawConnection(port);
    conn.socket.write(
      `POST ${LIST_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ALICE}\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
    );
    await Promise.race([conn.closed, sleep(5000)]);
    expect(conn.socket.destroyed).toBe(true);
    expect(conn.received()).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it("closes many idle connections that never send a byte", async () => {
    const { port, url } = await start({}, limits);
    const idle = await Promise.all(Array.from({ length: 50 }, () => openRawConnection(port)));
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
    await Promise.race([Promise.all(idle.map((c) => c.closed)), sleep(5000)]);
    expect(idle.filter((c) => !c.socket.destroyed)).toHaveLength(0);
  });
});

describe("abrupt clients", () => {
  it("survive clients that reset mid-head, mid-body and mid-answer", async () => {
    const { port, url, store } = await start({}, { maxHeaderBytes: 4096 });
    const head = `POST ${LIST_PATH} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ALICE}\r\nContent-Type: application/json\r\n`;
    const partials = [
      head.slice(0, 20),
      `${head}Content-Length: 100\r\n\r\n{"pagin`,
      `${head}Content-Length: 2\r\n\r\n{}`,
      `${head}X-Big: ${"a".repeat(6000)}`,
      `${head}Transfer-Encoding: chunked\r\n\r\n5\r\n{"pag`,
    ];
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        partials.map(async (text) => {
          const conn = await openRawConnection(port);
          conn.socket.write(text);
          await sleep(round * 3);
          conn.socket.resetAndDestroy();
          await conn.closed;
        }),
      );
    }
    expect((await callRpc(url, "ListWarmPools", {})).code).toBe("ok");
    expect(store.checkInvariants(POOL_SIZE_LIMITS)).toEqual([]);
  });
});

describe("warm pool cap", () => {
  it("answers resource_exhausted per organization, counting pools until they are gone", async () => {
    let world = growWorld(loadDefaultWorld(), ACME_ORG, 3);
    world = growWorld(world, GLOBEX_ORG, 1);
    const acmePools = world.warmPools.filter((p) => p.organizationId === ACME_ORG);
    const clock = createManualClock();
    const cap = acmePools.length + 1;
    const { url, store } = await start({
      world,
      clock,
      maxPoolsPerOrganization: cap,
      timing: { readyDelayMs: 0, deleteDelayMs: 1000 },
    });
    const acmeProject = syntheticUuid(Number.parseInt(ACME_ORG.slice(0, 6), 16), 0);
    const create = (classId: string, token: string = ALICE, projectId = acmeProject) =>
      callRpc(url, "CreateWarmPool", { projectId, environmentClassId: classId }, { token });

    const first = await create(STANDARD);
    expect(first.code).toBe("ok");
    const refused = await create(LARGE);
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({
      code: "resource_exhausted",
      message: `the organization already holds the maximum of ${cap} warm pools; delete one first`,
    });
    expect(refused.headers["x-should-retry"]).toBe("false");
    expect(store.poolsOfOrganization(ACME_ORG)).toHaveLength(cap);

    // Another organization's quota is its own: Acme's full quota tells Globex nothing.
    const globexProject = syntheticUuid(Number.parseInt(GLOBEX_ORG.slice(0, 6), 16), 0);
    expect((await create(GLOBEX_CLASS, BOB, globexProject)).code).toBe("ok");

    const poolId = warmPoolOf(first).id;
    expect((await callRpc(url, "DeleteWarmPool", { warmPoolId: poolId })).code).toBe("ok");
    expect((await create(LARGE)).code).toBe("resource_exhausted");
    clock.advance(1000);
    expect((await create(LARGE)).code).toBe("ok");
    expect(store.checkInvariants(POOL_SIZE_LIMITS)).toEqual([]);
  });
});
