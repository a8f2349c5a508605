// GET /_admin/events: the push channel the dashboard (and any test) watches.
import { afterAll, describe, expect, it } from "vitest";
import { createApp, endEventStreams } from "../../src/adapters/express/create-app.js";
import { listenApp } from "../../src/adapters/node/listen-app.js";
import { MAX_WATCHERS } from "../../src/core/change-feed.js";
import { callRpc } from "../support/call-rpc.js";
import { createManualClock } from "../support/create-manual-clock.js";
import { STANDARD, WEB_APP } from "../support/fixtures.js";
import { startServer } from "../support/start-server.js";
import { type EventWatch, watchEvents } from "../support/watch-events.js";

const manual = await startServer({ clock: createManualClock() });
afterAll(() => manual.close());

describe("GET /_admin/events", () => {
  it("opens with a reload, then names only what each change touched", async () => {
    const events = await watchEvents(manual.url);
    try {
      expect(events.res.headers.get("content-type")).toBe("text/event-stream");
      const first = await events.next();
      expect(first).toMatchObject({
        reload: true,
        topics: ["world", "faults", "journal", "clock", "scenario"],
        clock: { mode: "manual" },
        scenario: { world: "start-up" },
      });
      const start = first?.seq ?? 0;
      // A read-only RPC changes the journal, not the world.
      await callRpc(manual.url, "ListWarmPools", {});
      expect(await events.next()).toMatchObject({
        seq: start + 1,
        topics: ["journal"],
        revision: first?.revision,
        journal: { lastId: expect.any(Number), size: expect.any(Number) },
      });
      await fetch(`${manual.url}/_admin/clock/advance`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ms: 1000 }),
      });
      expect((await events.next())?.topics).toEqual(["clock"]);
      // Reading changes nothing, so it sends nothing: the next event is the one after this call.
      await fetch(`${manual.url}/_admin/world`);
      await fetch(`${manual.url}/_admin/journal`, { method: "DELETE" });
      expect(await events.next()).toMatchObject({ seq: start + 3, topics: ["journal"] });
    } finally {
      events.close();
    }
  });

  it("resumes after Last-Event-ID with the events missed, or reloads once", async () => {
    const first = await watchEvents(manual.url);
    const opened = await first.next();
    await callRpc(manual.url, "ListWarmPools", {});
    const seen = await first.next();
    first.close();
    // Missed while away: a pool created and the clock moved.
    await callRpc(manual.url, "CreateWarmPool", {
      projectId: WEB_APP,
      environmentClassId: STANDARD,
    });
    const back = await watchEvents(manual.url, { "Last-Event-ID": String(seen?.id) });
    try {
      const missed = await back.next();
      expect(missed?.seq).toBe((seen?.seq ?? 0) + 1);
      expect(missed?.topics).toEqual(["world", "journal"]);
      expect(missed?.world?.warmPools?.changed).toHaveLength(1);
    } finally {
      back.close();
    }
    const stranger = await watchEvents(manual.url, { "Last-Event-ID": "0000:1" });
    try {
      expect(await stranger.next()).toMatchObject({ reload: true, instance: opened?.instance });
    } finally {
      stranger.close();
    }
  });

  it("tells of pools that came due on a real clock, with no request in between", async () => {
    const real = await startServer({ timing: { readyDelayMs: 50, startDelayMs: 50 } });
    const events = await watchEvents(real.url);
    try {
      await events.next();
      const created = await callRpc(real.url, "CreateWarmPool", {
        projectId: WEB_APP,
        environmentClassId: STANDARD,
      });
      expect(created.code).toBe("ok");
      await events.next();
      // The next event comes from the server noticing the due step on its own.
      const due = await events.next();
      expect(due).toMatchObject({ topics: ["world"] });
      expect(Object.keys(due ?? {}).sort()).toEqual(["id", "revision", "seq", "topics", "world"]);
      expect(due?.world?.warmPools?.changed?.[0]).toMatchObject({
        statusVersion: expect.any(Number),
      });
      // The server moved the pool itself (the store, read without reconciling, shows it).
      const pool = created.body?.warmPool as
        | { id: string; status: { statusVersion: string } }
        | undefined;
      expect(real.store.getPool(String(pool?.id))?.status.version).toBeGreaterThan(
        Number(pool?.status.statusVersion),
      );
    } finally {
      events.close();
      await real.close();
    }
  });

  it("needs the admin token when one is set", async () => {
    const guarded = await startServer({ adminToken: "s3cret" });
    try {
      const denied = await fetch(`${guarded.url}/_admin/events`);
      expect(denied.status).toBe(401);
      const events = await watchEvents(guarded.url, { Authorization: "Bearer s3cret" });
      expect((await events.next())?.reload).toBe(true);
      events.close();
    } finally {
      await guarded.close();
    }
  });

  it("ends when the server stops, so stopping does not wait out the grace period", async () => {
    const app = createApp();
    const server = await listenApp(app, {
      host: "127.0.0.1",
      port: 0,
      onClose: () => endEventStreams(app),
    });
    const events = await watchEvents(server.url);
    await events.next();
    const closing = server.close(60_000);
    expect(await events.next()).toBeUndefined();
    await closing;
  });
});

describe("the watcher cap", () => {
  it(`serves ${MAX_WATCHERS} watchers at once, refuses one more with resource_exhausted, and has room once one leaves`, async () => {
    const server = await startServer();
    const watchers: EventWatch[] = [];
    try {
      for (let i = 0; i < MAX_WATCHERS; i++) watchers.push(await watchEvents(server.url));
      expect(watchers.map((w) => w.res.status)).toEqual(Array(MAX_WATCHERS).fill(200));
      const refused = await fetch(`${server.url}/_admin/events`);
      expect(refused.status).toBe(429);
      expect(refused.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await refused.json()).toEqual({
        code: "resource_exhausted",
        message: `${MAX_WATCHERS} watchers already hold GET /_admin/events open, the most it serves at once: close one first`,
      });
      const leaving = watchers.pop() as EventWatch;
      leaving.close();
      // The server learns of the close when the socket ends; wait for that, not for a time.
      await expect
        .poll(async () => {
          const again = await watchEvents(server.url);
          if (again.res.status === 200) watchers.push(again);
          return again.res.status;
        })
        .toBe(200);
    } finally {
      for (const w of watchers) w.close();
      await server.close();
    }
  });
});
