import { ConnectError } from "../errors/connect-error.js";
import type { components } from "../generated/admin-types.js";
import type { CoreAnswer, HeaderValue } from "../protocol/exchange.js";
import { describeJournalBody, JOURNAL_BODY_BYTES } from "./describe-journal-body.js";

/** How many RPC calls the journal keeps unless told otherwise. */
export const DEFAULT_JOURNAL_SIZE = 200;

/** One RPC call as the journal keeps it: the admin API's `JournalEntry`, as openapi/admin.yaml gives it. */
export type JournalEntry = components["schemas"]["JournalEntry"];

/** Where the journal stands: the newest call's id and how many calls it keeps. */
export type JournalMark = components["schemas"]["JournalMark"];

/** The most request headers a call keeps, and the most characters of each value. */
export const JOURNAL_HEADERS = 50;
export const JOURNAL_HEADER_CHARS = 1024;

// Headers that say nothing about the call (Host, framing) or that are not the API's (a
// browser's cookies for the host the mock shares with other local servers).
const UNKEPT_HEADERS = new Set(["host", "connection", "content-length", "cookie"]);

/** One finished (or abandoned) call, as the RPC handler hands it to the journal. */
export interface FinishedCall {
  /** The RPC's label, what the entry shows (e.g. `GetWarmPool`). */
  rpc: string;
  /** The RPC's name, `Service/Method`, which a filter may give instead. */
  rpcName: string;
  /** The request's method, target, Content-Type and Content-Encoding. */
  method: string;
  url: string;
  contentType: HeaderValue;
  contentEncoding: HeaderValue;
  /** The answer's HTTP status (499 for a client that went away). */
  status: number;
  /** performance.now() and Date.now() when the call arrived. */
  startedMs: number;
  arrivedAt: number;
  body: Uint8Array | undefined;
  /** What the call failed with, if it failed with an error. */
  error: unknown;
  forcedBy: string | undefined;
  /** The request's headers, as the adapter handed them in (lower-case names). */
  headers?: Readonly<Record<string, HeaderValue>>;
  /** The answer made for the call. */
  answer?: CoreAnswer;
  /** The answer's message before compression, when the answer carries one. */
  message?: Uint8Array;
}

// What is kept per call: the body stays raw (its first JOURNAL_BODY_BYTES) until someone reads
// the journal, so a server whose journal nobody reads does not parse every body twice.
interface RecordedCall {
  entry: Omit<JournalEntry, "time" | "body" | "bodyBase64" | "bodyNote">;
  rpcName: string;
  arrivedAt: number;
  body: Uint8Array | undefined;
  size: number;
  contentType: string | undefined;
  contentEncoding: string | undefined;
  // Kept as handed in and read only when someone asks for the call (getJournalEntry).
  headers: Readonly<Record<string, HeaderValue>> | undefined;
  answer:
    | {
        status: number;
        headers: readonly string[];
        body: Uint8Array | undefined;
        size: number;
        /** The body is the message before the compression the answer was sent with. */
        inflated: boolean;
      }
    | undefined;
}

/** The last N RPC calls, oldest dropped first. */
export class RequestJournal {
  private entries: RecordedCall[] = [];
  private nextId = 1;
  private changes = 0;

  constructor(readonly capacity: number) {}

  /** Whether calls are kept at all (a capacity of 0 turns the journal off). */
  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Moves whenever a call is recorded or the journal is cleared. */
  get version(): number {
    return this.changes;
  }

  /** The newest call's id (0 before any) and how many calls are kept; kept ids have no gaps. */
  mark(): JournalMark {
    return { lastId: this.nextId - 1, size: this.entries.length };
  }

  /** Records a call once its answer is made. */
  record(call: FinishedCall): void {
    if (this.capacity <= 0) return;
    this.changes++;
    const entry: RecordedCall["entry"] = {
      id: this.nextId++,
      rpc: call.rpc,
      httpMethod: call.method,
      path: call.url,
      status: call.status,
      latencyMs: Math.round((performance.now() - call.startedMs) * 10) / 10,
    };
    if (call.error !== undefined) {
      entry.code = call.error instanceof ConnectError ? call.error.code : "internal";
    }
    if (call.forcedBy) entry.forcedBy = call.forcedBy;
    const { body, answer } = call;
    this.entries.push({
      entry,
      rpcName: call.rpcName,
      arrivedAt: call.arrivedAt,
      body: keepBytes(body),
      size: body?.length ?? 0,
      contentType: text(call.contentType),
      contentEncoding: text(call.contentEncoding),
      headers: call.headers,
      // A compressed answer is kept as its message before compression: what a reader wants.
      answer: answer && {
        status: answer.status,
        headers: answer.headers,
        body: keepBytes(call.message ?? answer.body),
        size: (call.message ?? answer.body)?.length ?? 0,
        inflated: call.message !== undefined && call.message !== answer.body,
      },
    });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /**
   * The recorded calls, oldest first; `rpc` keeps the calls to one RPC (by label or by
   * `Service/Method`), `limit` keeps the newest.
   */
  list(filter: { rpc?: string; limit?: number; after?: number } = {}): JournalEntry[] {
    const { rpc, after } = filter;
    // Ids have no gaps: the calls after `after` are the tail from its position on.
    const first = this.entries[0]?.entry.id ?? 0;
    const recent =
      after !== undefined && after >= first ? this.entries.slice(after - first + 1) : this.entries;
    const matching = rpc ? recent.filter((e) => e.entry.rpc === rpc || e.rpcName === rpc) : recent;
    const kept = filter.limit !== undefined ? matching.slice(-filter.limit) : matching;
    return kept.map(toJournalEntry);
  }

  /** One kept call with its request headers and its answer; undefined when it is not kept. */
  get(id: number): JournalEntry | undefined {
    const first = this.entries[0]?.entry.id ?? 0;
    const call = this.entries[id - first];
    if (!call || call.entry.id !== id) return undefined;
    return {
      ...toJournalEntry(call),
      requestHeaders: keptHeaders(call.headers),
      ...(call.answer ? { answer: describeAnswer(call.answer) } : {}),
    };
  }

  clear(): void {
    this.changes++;
    this.entries = [];
  }
}

// The first JOURNAL_BODY_BYTES of a body; a short body is kept as it is (answers are never
// written to again), a long one copied so the rest can go.
function keepBytes(body: Uint8Array | undefined): Uint8Array | undefined {
  return body && body.length > JOURNAL_BODY_BYTES ? body.slice(0, JOURNAL_BODY_BYTES) : body;
}

function keptHeaders(
  headers: Readonly<Record<string, HeaderValue>> | undefined,
): Record<string, string> {
  const kept: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || UNKEPT_HEADERS.has(name.toLowerCase())) continue;
    if (++count > JOURNAL_HEADERS) break;
    kept[name.toLowerCase()] = (text(value) ?? "").slice(0, JOURNAL_HEADER_CHARS);
  }
  return kept;
}

function describeAnswer(answer: NonNullable<RecordedCall["answer"]>): JournalEntry["answer"] {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < answer.headers.length; i += 2) {
    const name = (answer.headers[i] as string).toLowerCase();
    const value = answer.headers[i + 1] as string;
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const body = describeJournalBody(answer.body, {
    contentType: headers["content-type"],
    contentEncoding: answer.inflated ? undefined : headers["content-encoding"],
    size: answer.size,
  });
  if (answer.inflated && !body.bodyNote) {
    body.bodyNote = `sent ${headers["content-encoding"] ?? "compressed"}; shown before compression`;
  }
  return { status: answer.status, headers, ...body };
}

function text(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value.join(", ") : value;
}

function toJournalEntry(call: RecordedCall): JournalEntry {
  const { id, ...rest } = call.entry;
  return {
    id,
    time: new Date(call.arrivedAt).toISOString(),
    ...rest,
    ...describeJournalBody(call.body, call),
  };
}
