import { afterEach, describe, expect, it, vi } from "vitest";
import { ChangeFeed, MAX_WATCHERS } from "./change-feed.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("ChangeFeed", () => {
  it("sends the changes of one window as one event, topics in a fixed order", () => {
    vi.useFakeTimers();
    const feed = new ChangeFeed({ coalesceMs: 100 });
    const heard: string[][] = [];
    feed.subscribe(
      (topics) => heard.push(topics),
      () => {},
    );
    feed.notify("journal");
    feed.notify("world", "journal");
    expect(heard).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(heard).toEqual([["world", "journal"]]);
    feed.notify("faults");
    vi.advanceTimersByTime(100);
    expect(heard).toEqual([["world", "journal"], ["faults"]]);
  });

  it("keeps no timer and no pending change while nobody watches", () => {
    vi.useFakeTimers();
    const poll = vi.fn(() => true);
    const feed = new ChangeFeed({ poll, pollMs: 250 });
    feed.notify("world");
    vi.advanceTimersByTime(1000);
    expect(vi.getTimerCount()).toBe(0);
    expect(poll).not.toHaveBeenCalled();
    const heard: string[][] = [];
    const stop = feed.subscribe(
      (topics) => heard.push(topics),
      () => {},
    );
    vi.advanceTimersByTime(250 + 100);
    expect(poll).toHaveBeenCalledTimes(1);
    expect(heard).toEqual([["world"]]);
    stop();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("polls without telling anyone when nothing came due", () => {
    vi.useFakeTimers();
    const feed = new ChangeFeed({ poll: () => false, pollMs: 250 });
    const heard: string[][] = [];
    feed.subscribe(
      (topics) => heard.push(topics),
      () => {},
    );
    vi.advanceTimersByTime(1000);
    expect(heard).toEqual([]);
  });

  it("ends every watcher when it closes", () => {
    const feed = new ChangeFeed();
    const ended: number[] = [];
    feed.subscribe(
      () => {},
      () => ended.push(1),
    );
    feed.subscribe(
      () => {},
      () => ended.push(2),
    );
    feed.close();
    expect(ended).toEqual([1, 2]);
    expect(feed.watchers).toBe(0);
  });

  it("is full at its watcher cap, and has room again when one leaves", () => {
    const feed = new ChangeFeed({ maxWatchers: 2 });
    const leave = feed.subscribe(
      () => {},
      () => {},
    );
    expect(feed.full).toBe(false);
    feed.subscribe(
      () => {},
      () => {},
    );
    expect([feed.full, feed.maxWatchers]).toEqual([true, 2]);
    leave();
    expect(feed.full).toBe(false);
    expect(new ChangeFeed().maxWatchers).toBe(MAX_WATCHERS);
  });
});
