import type { ServerResponse } from "node:http";
import { ConnectError } from "../../errors/connect-error.js";
import type { ChangeEvent } from "../../generated/admin-types.js";
import { type AdminDeps, defineRoute } from "./admin-route.js";
import { ALL_TOPICS } from "./change-feed.js";

// Proxies and browsers drop a stream that stays silent too long; a comment line is ignored by clients.
const KEEPALIVE_MS = 15_000;

function streamChanges({ changes }: AdminDeps, res: ServerResponse): void {
  if (changes.full) {
    throw new ConnectError(
      "resource_exhausted",
      `${changes.maxWatchers} watchers already hold GET /_admin/events open, the most it serves at once: close one first`,
    );
  }
  res.writeHead(200, {
    "Content-Type": "text/event-stream",
    "Cache-Control": "no-store",
    // Tells nginx-like proxies not to buffer the stream.
    "X-Accel-Buffering": "no",
  });
  let seq = 0;
  const send = (topics: ChangeEvent["topics"]) => {
    seq++;
    const event: ChangeEvent = { seq, topics };
    res.write(`event: change\nid: ${seq}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  const keepalive = setInterval(() => res.write(": keepalive\n\n"), KEEPALIVE_MS);
  keepalive.unref();
  const unsubscribe = changes.subscribe(send, () => res.end());
  res.once("close", () => {
    clearInterval(keepalive);
    unsubscribe();
  });
  // The first event names everything, so a watcher loads from the same code path as it updates.
  send([...ALL_TOPICS]);
}

/** The push channel a dashboard (or a test) watches. */
export const EVENT_ROUTES = [
  defineRoute({
    operationId: "watchEvents",
    mutates: false,
    stream: streamChanges,
  }),
];
