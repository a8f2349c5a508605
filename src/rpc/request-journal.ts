import { ConnectError } from "../errors/connect-error.js";
import type { components } from "../generated/admin-types.js";
import type { HeaderValue } from "../protocol/exchange.js";
import { describeJournalBody, JOURNAL_BODY_BYTES } from "./describe-journal-body.js";

/** How many RPC calls the journal keeps unless told otherwise. */
export const DEFAULT_JOURNAL_SIZE = 200;

/** One RPC call as the journal keeps it: the admin API's `JournalEntry`, as openapi/admin.yaml gives it. */
export type JournalEntry = components["schemas"]["JournalEntry"];

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
}

/** The last N RPC calls, oldest dropped first. */
export class RequestJournal {
  private entries: RecordedCall[] = [];
  private nextId = 1;

  constructor(readonly capacity: number) {}

  /** Whether calls are kept at all (a capacity of 0 turns the journal off). */
  get enabled(): boolean {
    return this.capacity > 0;
  }

  /** Records a call once its response has closed. */
  record(call: FinishedCall): void {
    if (this.capacity <= 0) return;
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
    const { body } = call;
    this.entries.push({
      entry,
      rpcName: call.rpcName,
      arrivedAt: call.arrivedAt,
      body: body && body.length > JOURNAL_BODY_BYTES ? body.slice(0, JOURNAL_BODY_BYTES) : body,
      size: body?.length ?? 0,
      contentType: text(call.contentType),
      contentEncoding: text(call.contentEncoding),
    });
    if (this.entries.length > this.capacity) this.entries.shift();
  }

  /**
   * The recorded calls, oldest first; `rpc` keeps the calls to one RPC (by label or by
   * `Service/Method`), `limit` keeps the newest.
   */
  list(filter: { rpc?: string; limit?: number } = {}): JournalEntry[] {
    const { rpc } = filter;
    const matching = rpc
      ? this.entries.filter((e) => e.entry.rpc === rpc || e.rpcName === rpc)
      : this.entries;
    const kept = filter.limit !== undefined ? matching.slice(-filter.limit) : matching;
    return kept.map(toJournalEntry);
  }

  clear(): void {
    this.entries = [];
  }
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
