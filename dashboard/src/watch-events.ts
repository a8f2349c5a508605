import { EventSourceParserStream } from "eventsource-parser/stream";
import type { ChangeEvent } from "../../src/generated/admin-types.js";
import { adminToken } from "./admin-api.js";

export type ConnectionState =
  | { kind: "connecting" }
  | { kind: "live" }
  | { kind: "unreachable"; retryInMs: number; reason: string }
  | { kind: "needs-token"; wrong: boolean };

export interface Watch {
  stop(): void;
  /** Reconnects at once (after the token was entered, or when the user asks). */
  retry(): void;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * Watches GET /_admin/events. EventSource cannot send an Authorization header, so the stream
 * is read with fetch; when it breaks the watcher says so and retries with a growing delay,
 * sending the last event's id so the mock resumes after it (or says to reload).
 */
export function watchEvents(
  onChange: (event: ChangeEvent) => void,
  onState: (state: ConnectionState) => void,
): Watch {
  let stopped = false;
  let controller: AbortController | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  let lastEventId: string | undefined;

  const schedule = (reason: string) => {
    if (stopped) return;
    failures++;
    const delay = Math.min(500 * 2 ** (failures - 1), MAX_BACKOFF_MS);
    onState({ kind: "unreachable", retryInMs: delay, reason });
    timer = setTimeout(connect, delay);
  };

  async function connect(): Promise<void> {
    clearTimeout(timer);
    controller?.abort();
    if (stopped) return;
    controller = new AbortController();
    const signal = controller.signal;
    onState({ kind: "connecting" });
    const token = adminToken.get();
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    if (lastEventId) headers["Last-Event-ID"] = lastEventId;
    let res: Response;
    try {
      res = await fetch("/_admin/events", { headers, signal });
    } catch (error) {
      if (!signal.aborted) schedule((error as Error).message);
      return;
    }
    if (res.status === 401) {
      onState({ kind: "needs-token", wrong: token !== null });
      return;
    }
    if (!res.ok || !res.body) {
      schedule(`GET /_admin/events answered ${res.status}`);
      return;
    }
    failures = 0;
    onState({ kind: "live" });
    try {
      const reader = res.body
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (value.event !== "change") continue;
        if (value.id) lastEventId = value.id;
        onChange(JSON.parse(value.data) as ChangeEvent);
      }
      if (!signal.aborted) schedule("the mock closed the event stream");
    } catch (error) {
      if (!signal.aborted) schedule((error as Error).message);
    }
  }

  void connect();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      controller?.abort();
    },
    retry() {
      failures = 0;
      void connect();
    },
  };
}
