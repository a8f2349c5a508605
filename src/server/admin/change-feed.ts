import type { ChangeEvent } from "../../generated/admin-types.js";

/** What a change event can name; a watcher reads those parts again. */
export type ChangeTopic = ChangeEvent["topics"][number];

export const ALL_TOPICS: readonly ChangeTopic[] = ["world", "faults", "journal", "clock"];

/**
 * How many watchers the feed serves at once. Each holds a socket and a keep-alive timer; a
 * dashboard tab takes one, so this is many tabs and test watchers together, and a loop that
 * opens streams without closing them is refused before it can exhaust sockets or memory.
 */
export const MAX_WATCHERS = 32;

export interface ChangeFeedOptions {
  /** Changes within this window go out as one event (default 100 ms). */
  coalesceMs?: number;
  /**
   * Asked every `pollMs` while anyone watches: brings the simulation up to now and says
   * whether that changed anything. The real clock moves pools on without any request.
   */
  poll?: () => boolean;
  pollMs?: number;
  /** Watchers served at once (default MAX_WATCHERS). */
  maxWatchers?: number;
}

type Listener = (topics: ChangeTopic[]) => void;

/**
 * Tells watchers (GET /_admin/events) what changed, at most once per coalescing window; costs
 * nothing while nobody watches.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();
  private pending = new Set<ChangeTopic>();
  private flushTimer: NodeJS.Timeout | undefined;
  private pollTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: ChangeFeedOptions = {}) {}

  get watchers(): number {
    return this.listeners.size;
  }

  /** Whether another watcher would be one too many. */
  get full(): boolean {
    return this.listeners.size >= (this.options.maxWatchers ?? MAX_WATCHERS);
  }

  /** How many watchers the feed serves at once. */
  get maxWatchers(): number {
    return this.options.maxWatchers ?? MAX_WATCHERS;
  }

  /** Notes that these parts changed; watchers hear of it within the coalescing window. */
  notify(...topics: ChangeTopic[]): void {
    if (this.listeners.size === 0) return;
    for (const topic of topics) this.pending.add(topic);
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.coalesceMs ?? 100);
  }

  /**
   * Adds a watcher; `close` is called when the feed shuts (server stopping). Returns the
   * function that removes it.
   */
  subscribe(listener: Listener, close: () => void): () => void {
    this.listeners.add(listener);
    this.closers.add(close);
    if (this.options.poll && !this.pollTimer) {
      const poll = this.options.poll;
      this.pollTimer = setInterval(() => {
        if (poll()) this.notify("world");
      }, this.options.pollMs ?? 250);
      this.pollTimer.unref();
    }
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(close);
      if (this.listeners.size === 0) this.stopTimers();
    };
  }

  /** Ends every watcher's stream, so a stopping server need not wait for them. */
  close(): void {
    for (const close of [...this.closers]) close();
    this.listeners.clear();
    this.closers.clear();
    this.stopTimers();
  }

  private flush(): void {
    this.flushTimer = undefined;
    const topics = ALL_TOPICS.filter((t) => this.pending.has(t));
    this.pending = new Set();
    if (topics.length === 0) return;
    for (const listener of this.listeners) listener(topics);
  }

  private stopTimers(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.flushTimer);
    this.pollTimer = undefined;
    this.flushTimer = undefined;
    this.pending = new Set();
  }
}
