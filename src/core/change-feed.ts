import type {
  ChangeEvent,
  Clock,
  JournalMark,
  ScenarioInForce,
  WorldChanges,
} from "../generated/admin-types.js";
import type { AnswerStream } from "../protocol/exchange.js";
import type { ChangeLog, LoggedChanges } from "../store/change-log.js";

/** What a change event can name. */
export type ChangeTopic = ChangeEvent["topics"][number];

export const ALL_TOPICS: readonly ChangeTopic[] = [
  "world",
  "faults",
  "journal",
  "clock",
  "scenario",
];

/**
 * How many watchers the feed serves at once. Each holds a socket and a keep-alive timer; a
 * dashboard tab takes one, so this is many tabs and test watchers together, and a loop that
 * opens streams without closing them is refused before it can exhaust sockets or memory.
 */
export const MAX_WATCHERS = 32;

/**
 * The events kept for watchers that reconnect with `Last-Event-ID`: the last this many, and no
 * more than BACKLOG_BYTES of them. One from before those is told to read everything again.
 */
export const BACKLOG_EVENTS = 256;
export const BACKLOG_BYTES = 4 * 1024 * 1024;

/** Where each part other than the world stands: a number that moves whenever the part changes. */
export interface PartVersions {
  faults: number;
  journal: number;
  clock: number;
  scenario: number;
}

/** What the feed reads its events from: the world's change log and the other parts. */
export interface FeedSources {
  /** The world's change log (the store's). */
  log: ChangeLog;
  /** Where the other parts stand now. */
  versions(): PartVersions;
  /** The records a logged change names, as an event lists them. */
  describeWorld(changes: LoggedChanges): WorldChanges;
  journal(): JournalMark;
  clock(): Clock;
  scenario(): ScenarioInForce;
}

export interface ChangeFeedOptions {
  sources: FeedSources;
  /** Names this mock in events and stream ids, so a watcher can tell a restarted mock. */
  instance: string;
  /** Changes within this window go out as one event (default 100 ms). */
  coalesceMs?: number;
  /**
   * Asked every `pollMs` while anyone watches: brings the simulation up to now. The real clock
   * moves pools on without any request; whether that changed anything the log says.
   */
  poll?: () => void;
  pollMs?: number;
  /** Watchers served at once (default MAX_WATCHERS). */
  maxWatchers?: number;
}

type Listener = (event: ChangeEvent, text: string) => void;
type Timer = ReturnType<typeof setTimeout>;

// Where the world and the other parts stood at the last event.
interface Marks extends PartVersions {
  revision: number;
  replacedAt: number;
}

interface Sent {
  seq: number;
  event: ChangeEvent;
  text: string;
}

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
 * The one change feed of a mock (GET /_admin/events, and `watchEvents` in process). Each event
 * says what changed since the one before: which records of the world (from the store's change
 * log), and whether the fault rules, the journal, the clock or the scenario in force moved;
 * a part that did not change is not named, so a read-only call changes the journal only.
 * Events are numbered for the whole mock, sent at most once per coalescing window, kept in a
 * bounded backlog for watchers that reconnect, and cost nothing while nobody watches (the
 * next watcher's first event sums up what happened meanwhile).
 */
export class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private readonly closers = new Set<() => void>();
  private readonly backlog: Sent[] = [];
  private backlogBytes = 0;
  private seq = 0;
  // Taken at the first watch: what happened before anyone watched is in its reload.
  private marks: Marks | undefined;
  private flushTimer: Timer | undefined;
  private pollTimer: Timer | undefined;

  constructor(private readonly options: ChangeFeedOptions) {}

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

  /** The number of the latest event (0 before any). */
  get lastSeq(): number {
    return this.seq;
  }

  /** The id the stream gives event `seq`: this mock's instance and the number. */
  streamId(seq: number): string {
    return `${this.options.instance}:${seq}`;
  }

  /**
   * Says that something may have changed; watchers hear what did within the coalescing
   * window. Calling it when nothing changed costs one comparison and sends nothing.
   */
  notify(): void {
    if (this.listeners.size === 0) return;
    this.flushTimer ??= setTimeout(() => this.flush(), this.options.coalesceMs ?? 100);
  }

  /**
   * Watches the feed. The first event is a `reload` naming every topic (read everything),
   * unless `lastEventId` (a stream id this mock gave) asks to resume and the backlog still
   * holds every event after it: then those are replayed instead. `close` is called when the
   * feed shuts (the mock stopping). Returns the function that stops watching.
   */
  watch(
    listener: (event: ChangeEvent) => void,
    close: () => void = () => {},
    lastEventId?: string,
  ): () => void {
    return this.subscribe((event) => listener(event), close, lastEventId);
  }

  /** The feed as a text/event-stream body: one `change` event per event, keepalive comments. */
  stream(lastEventId?: string): AnswerStream {
    return {
      open: (sink) => {
        const keepalive = setInterval(() => sink.write(": keepalive\n\n"), KEEPALIVE_MS);
        unref(keepalive);
        // A resumed watch may have no event to send yet: a comment opens the stream at once,
        // so the client sees it answered (a server sends no head before the first bytes).
        if (lastEventId !== undefined) sink.write(": resuming\n\n");
        const stop = this.subscribe(
          (_event, text) => sink.write(text),
          () => {
            clearInterval(keepalive);
            sink.end();
          },
          lastEventId,
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

  private subscribe(listener: Listener, close: () => void, lastEventId?: string): () => void {
    // What changed while nobody watched goes out first, so a resumed watcher misses nothing.
    this.flush();
    const resumed = this.backlogAfter(lastEventId);
    this.listeners.add(listener);
    this.closers.add(close);
    if (this.options.poll && !this.pollTimer) {
      const poll = this.options.poll;
      this.pollTimer = setInterval(() => {
        poll();
        this.notify();
      }, this.options.pollMs ?? 250);
      unref(this.pollTimer);
    }
    if (resumed) {
      for (const sent of resumed) listener(sent.event, sent.text);
    } else {
      const event = this.reloadEvent();
      listener(event, this.format(event));
    }
    return () => {
      this.listeners.delete(listener);
      this.closers.delete(close);
      if (this.listeners.size === 0) this.stopTimers();
    };
  }

  // The events after the one `lastEventId` names, or undefined when they cannot all be given.
  private backlogAfter(lastEventId: string | undefined): Sent[] | undefined {
    if (lastEventId === undefined) return undefined;
    const match = /^([^:]+):(\d{1,15})$/.exec(lastEventId.trim());
    if (!match || match[1] !== this.options.instance) return undefined;
    const seq = Number(match[2]);
    if (seq > this.seq) return undefined;
    const oldest = this.backlog[0]?.seq ?? this.seq + 1;
    if (seq < oldest - 1) return undefined;
    return this.backlog.filter((sent) => sent.seq > seq);
  }

  private reloadEvent(): ChangeEvent {
    const { sources, instance } = this.options;
    return {
      seq: this.seq,
      topics: [...ALL_TOPICS],
      reload: true,
      instance,
      revision: sources.log.revision,
      journal: sources.journal(),
      clock: sources.clock(),
      scenario: sources.scenario(),
    };
  }

  private read(): Marks {
    const { log } = this.options.sources;
    return {
      revision: log.revision,
      replacedAt: log.replacedAt,
      ...this.options.sources.versions(),
    };
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const now = this.read();
    const before = this.marks ?? now;
    const { sources } = this.options;
    const topics: ChangeTopic[] = [];
    const event: Omit<ChangeEvent, "seq" | "topics"> = { revision: now.revision };
    if (now.revision !== before.revision) {
      topics.push("world");
      const logged =
        now.replacedAt === before.replacedAt ? sources.log.since(before.revision) : undefined;
      if (logged) event.world = sources.describeWorld(logged);
      else {
        event.reload = true;
        event.instance = this.options.instance;
      }
    }
    if (now.faults !== before.faults) topics.push("faults");
    if (now.journal !== before.journal) {
      topics.push("journal");
      event.journal = sources.journal();
    }
    if (now.clock !== before.clock) {
      topics.push("clock");
      event.clock = sources.clock();
    }
    if (now.scenario !== before.scenario) {
      topics.push("scenario");
      event.scenario = sources.scenario();
    }
    this.marks = now;
    if (topics.length === 0) return;
    const sent: ChangeEvent = { seq: ++this.seq, topics, ...event };
    const text = this.format(sent);
    this.remember({ seq: sent.seq, event: sent, text });
    for (const listener of this.listeners) listener(sent, text);
  }

  private format(event: ChangeEvent): string {
    return `event: change\nid: ${this.streamId(event.seq)}\ndata: ${JSON.stringify(event)}\n\n`;
  }

  private remember(sent: Sent): void {
    this.backlog.push(sent);
    this.backlogBytes += sent.text.length;
    while (
      this.backlog.length > BACKLOG_EVENTS ||
      (this.backlogBytes > BACKLOG_BYTES && this.backlog.length > 1)
    ) {
      this.backlogBytes -= this.backlog.shift()?.text.length ?? 0;
    }
  }

  private stopTimers(): void {
    clearInterval(this.pollTimer);
    clearTimeout(this.flushTimer);
    this.pollTimer = undefined;
    this.flushTimer = undefined;
  }
}

// A server's timers must not keep its process alive; browsers' timers are plain numbers.
function unref(timer: Timer): void {
  (timer as { unref?: () => void }).unref?.();
}
