import type { ChangeEvent } from "../generated/admin-types.js";
import type { AnswerStream } from "../protocol/exchange.js";

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
type Timer = ReturnType<typeof setTimeout>;

// Proxies and browsers drop a stream that stays silent too long; a comment line is ignored by clients.
const KEEPALIVE_MS = 15_000;

/** The head of the event stream (GET /_admin/events). */
export const EVENT_STREAM_HEADERS: readonly string[] = [
  "Content-Type",
  "text/event-stream",
  "Cache-Control",
  "no-store",
  // Tells nginx-like proxies not to buffer the stream.
  "X-Accel-Buffering",
  "no",
];

/**
 * The one change feed of a mock: what changed, told to every watcher (GET /_admin/events, and
 * `watchEvents` in process) at most once per coalescing window; costs nothing while nobody
 * watches. `notify` is where changes come in and `watch` where events go out: what an event
 * says (today its topics) is decided here alone.
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();
  private pending = new Set<ChangeTopic>();
  private flushTimer: Timer | undefined;
  private pollTimer: Timer | undefined;

  constructor(private readonly options: ChangeFeedOptions = {}) {}

  get watchers(): number {
    return this.listeners.size;
  }

  /** Whether another watcher would be one too many. */
  get full(): boolean {
    return this.listeners.size >= this.maxWatchers;
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
   * Adds a watcher of raw topics; `close` is called when the feed shuts (the mock stopping).
   * Returns the function that removes it.
   */
  subscribe(listener: Listener, close: () => void): () => void {
    this.listeners.add(listener);
    this.closers.add(close);
    if (this.options.poll && !this.pollTimer) {
      const poll = this.options.poll;
      this.pollTimer = setInterval(() => {
        if (poll()) this.notify("world");
      }, this.options.pollMs ?? 250);
      unref(this.pollTimer);
    }
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(close);
      if (this.listeners.size === 0) this.stopTimers();
    };
  }

  /**
   * Watches the feed as events: numbered from 1 for this watcher, the first naming every
   * topic (so a watcher loads from the same code path as it updates). Returns the function
   * that stops watching.
   */
  watch(listener: (event: ChangeEvent) => void, close: () => void = () => {}): () => void {
    let seq = 0;
    const send = (topics: ChangeEvent["topics"]) => listener({ seq: ++seq, topics });
    const unsubscribe = this.subscribe(send, close);
    send([...ALL_TOPICS]);
    return unsubscribe;
  }

  /** The feed as a text/event-stream body: one `change` event per event, keepalive comments. */
  stream(): AnswerStream {
    return {
      open: (sink) => {
        const keepalive = setInterval(() => sink.write(": keepalive\n\n"), KEEPALIVE_MS);
        unref(keepalive);
        const stop = this.watch(
          (event) =>
            sink.write(`event: change\nid: ${event.seq}\ndata: ${JSON.stringify(event)}\n\n`),
          () => {
            clearInterval(keepalive);
            sink.end();
          },
        );
        return () => {
          clearInterval(keepalive);
          stop();
        };
      },
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

// A server's timers must not keep its process alive; browsers' timers are plain numbers.
function unref(timer: Timer): void {
  (timer as { unref?: () => void }).unref?.();
}
