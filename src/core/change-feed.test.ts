import { afterEach, describe, expect, it, vi } from "vitest";
import type { ChangeEvent } from "../generated/admin-types.js";
import { ChangeLog } from "../store/change-log.js";
import {
  BACKLOG_EVENTS,
  ChangeFeed,
  type ChangeFeedOptions,
  MAX_WATCHERS,
  type PartVersions,
} from "./change-feed.js";

afterEach(() => {
  vi.useRealTimers();
});

const CLOCK = { mode: "manual", scale: 1, now: "2026-01-01T00:00:00.000Z", nowMs: 0 } as const;

/** A feed over a log and part versions the test moves by hand. */
function createFeed(options: Partial<ChangeFeedOptions> = {}) {
  const log = new ChangeLog();
  const parts: PartVersions = { faults: 0, journal: 0, clock: 0, scenario: 0 };
  const feed = new ChangeFeed({
    instance: "test",
    coalesceMs: 100,
    sources: {
      log,
      versions: () => ({ ...parts }),
      describeWorld: (logged) =>
        Object.fromEntries(
          [...logged.changed].map(([kind, ids]) => [
            kind,
            { changed: [...ids].map(([id, revision]) => ({ id, revision })) },
          ]),
        ),
      journal: () => ({ lastId: parts.journal, size: parts.journal }),
      clock: () => CLOCK,
      scenario: () => ({ world: "start-up" }),
    },
    ...options,
  });
  const heard: ChangeEvent[] = [];
  const watch = (lastEventId?: string) =>
    feed.watch(
      (event) => heard.push(event),
      () => {},
      lastEventId,
    );
  return { feed, log, parts, heard, watch };
}

describe("ChangeFeed", () => {
  it("opens with a reload, then sends one window's changes as one event naming only what moved", () => {
    vi.useFakeTimers();
    const { feed, log, parts, heard, watch } = createFeed();
    watch();
    expect(heard).toEqual([
      {
        seq: 0,
        topics: ["world", "faults", "journal", "clock", "scenario"],
        reload: true,
        instance: "test",
        revision: 0,
        journal: { lastId: 0, size: 0 },
        clock: CLOCK,
        scenario: { world: "start-up" },
      },
    ]);
    parts.journal++;
    feed.notify();
    log.changed("warmPools", "p1");
    feed.notify();
    expect(heard).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(heard[1]).toEqual({
      seq: 1,
      topics: ["world", "journal"],
      revision: 1,
      world: { warmPools: { changed: [{ id: "p1", revision: 1 }] } },
      journal: { lastId: 1, size: 1 },
    });
    parts.faults++;
    feed.notify();
    vi.advanceTimersByTime(100);
    expect(heard[2]).toEqual({ seq: 2, topics: ["faults"], revision: 1 });
  });

  it("sends nothing when nothing changed, whatever asked it to look", () => {
    vi.useFakeTimers();
    const { feed, heard, watch } = createFeed();
    watch();
    feed.notify();
    vi.advanceTimersByTime(1000);
    expect(heard).toHaveLength(1);
    expect(feed.lastSeq).toBe(0);
  });

  it("tells a replaced world as a reload, with no delta", () => {
    vi.useFakeTimers();
    const { feed, log, heard, watch } = createFeed();
    watch();
    log.changed("runners", "r");
    log.replaced();
    feed.notify();
    vi.advanceTimersByTime(100);
    expect(heard[1]).toEqual({
      seq: 1,
      topics: ["world"],
      reload: true,
      instance: "test",
      revision: 2,
    });
  });

  it("keeps no timer while nobody watches, and sums up what happened meanwhile for the next watcher", () => {
    vi.useFakeTimers();
    const poll = vi.fn();
    const { feed, log, heard, watch } = createFeed({ poll, pollMs: 250 });
    const stop = watch();
    stop();
    log.changed("projects", "a");
    feed.notify();
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(0);
    expect(poll).not.toHaveBeenCalled();
    // The returning watcher resumes after the reload it saw: it gets what changed meanwhile.
    watch("test:0");
    expect(heard.map((e) => [e.seq, e.topics])).toEqual([
      [0, ["world", "faults", "journal", "clock", "scenario"]],
      [1, ["world"]],
    ]);
    vi.advanceTimersByTime(250);
    expect(poll).toHaveBeenCalledTimes(1);
  });

  it("resumes after Last-Event-ID from its backlog, or reloads once when it cannot", () => {
    vi.useFakeTimers();
    const { feed, log, heard, watch } = createFeed();
    const stop = watch();
    for (const id of ["a", "b", "c"]) {
      log.changed("warmPools", id);
      feed.notify();
      vi.advanceTimersByTime(100);
    }
    stop();
    heard.length = 0;
    watch(feed.streamId(1));
    expect(heard.map((e) => e.seq)).toEqual([2, 3]);
    heard.length = 0;
    watch(feed.streamId(3));
    expect(heard).toEqual([]);
    for (const stale of ["other:2", "test:99", "test:x", "garbage"]) {
      heard.length = 0;
      watch(stale);
      expect(heard).toMatchObject([{ seq: 3, reload: true }]);
    }
  });

  it(`keeps the last ${BACKLOG_EVENTS} events, and reloads a watcher from before them`, () => {
    vi.useFakeTimers();
    const { feed, log, heard, watch } = createFeed();
    watch();
    for (let i = 0; i < BACKLOG_EVENTS + 5; i++) {
      log.changed("warmPools", `p${i}`);
      feed.notify();
      vi.advanceTimersByTime(100);
    }
    heard.length = 0;
    watch(feed.streamId(5));
    expect(heard.map((e) => e.seq)).toEqual(
      Array.from({ length: BACKLOG_EVENTS }, (_, i) => i + 6),
    );
    heard.length = 0;
    watch(feed.streamId(4));
    expect(heard).toMatchObject([{ reload: true, seq: BACKLOG_EVENTS + 5 }]);
  });

  it("writes each event once as text/event-stream, with the mock's id", () => {
    vi.useFakeTimers();
    const { feed, log } = createFeed();
    const chunks: string[] = [];
    const close = feed.stream().open({ write: (c) => chunks.push(c), end: () => {} });
    log.changed("runners", "r");
    feed.notify();
    vi.advanceTimersByTime(100);
    expect(chunks[1]).toBe(
      `event: change\nid: test:1\ndata: ${JSON.stringify({
        seq: 1,
        topics: ["world"],
        revision: 1,
        world: { runners: { changed: [{ id: "r", revision: 1 }] } },
      })}\n\n`,
    );
    close();
  });

  it("ends every watcher when it closes", () => {
    const { feed } = createFeed();
    const ended: number[] = [];
    feed.watch(
      () => {},
      () => ended.push(1),
    );
    feed.watch(
      () => {},
      () => ended.push(2),
    );
    feed.close();
    expect(ended).toEqual([1, 2]);
    expect(feed.watchers).toBe(0);
  });

  it("is full at its watcher cap, and has room again when one leaves", () => {
    const { feed } = createFeed({ maxWatchers: 2 });
    const leave = feed.watch(() => {});
    expect(feed.full).toBe(false);
    feed.watch(() => {});
    expect([feed.full, feed.maxWatchers]).toEqual([true, 2]);
    leave();
    expect(feed.full).toBe(false);
    expect(createFeed().feed.maxWatchers).toBe(MAX_WATCHERS);
  });
});
