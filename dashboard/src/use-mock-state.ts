import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type {
  ChangeEvent,
  Clock,
  Fault,
  JournalEntry,
  WorldDump,
} from "../../src/generated/admin-types.js";
import { ApiError, callAdmin, UnreachableError } from "./admin-api.js";
import { type ConnectionState, type Watch, watchEvents } from "./watch-events.js";

/** What the mock holds, as last read, and when the clock was read (to run a real clock on). */
export interface MockState {
  world?: WorldDump;
  clock?: Clock & { readAt: number };
  faults: Fault[];
  journal: JournalEntry[];
}

/** Shown after an action: what happened, or why it failed. */
export interface Outcome {
  ok: boolean;
  text: string;
}

const JOURNAL_LIMIT = 100;

/**
 * The dashboard's live copy of the mock: loads what each change event names, runs actions and
 * reports their outcome, and tracks whether the mock is reachable.
 */
export function useMockState() {
  const [state, setState] = useState<MockState>({ faults: [], journal: [] });
  const [connection, setConnection] = useState<ConnectionState>({ kind: "connecting" });
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [journalRpc, setJournalRpc] = useState("");
  const watch = useRef<Watch | undefined>(undefined);
  const journalRpcRef = useRef(journalRpc);
  journalRpcRef.current = journalRpc;

  const fail = useCallback((error: unknown) => {
    if (error instanceof ApiError && error.code === "unauthenticated") {
      setConnection({ kind: "needs-token", wrong: true });
      watch.current?.stop();
    } else if (error instanceof UnreachableError) {
      watch.current?.retry();
    }
  }, []);

  const load = useCallback(
    async (topics: ChangeEvent["topics"]) => {
      // Each part is read on its own: one that fails (reported below) leaves the others shown.
      const [world, clock, faults, journal] = await Promise.allSettled([
        topics.includes("world") ? callAdmin("getWorld") : undefined,
        topics.includes("world") || topics.includes("clock") ? callAdmin("getClock") : undefined,
        topics.includes("faults") ? callAdmin("listFaults") : undefined,
        topics.includes("journal")
          ? callAdmin("getJournal", {
              query: {
                limit: String(JOURNAL_LIMIT),
                ...(journalRpcRef.current ? { rpc: journalRpcRef.current } : {}),
              },
            })
          : undefined,
      ]);
      const read = <T>(part: PromiseSettledResult<T>): T | undefined =>
        part.status === "fulfilled" ? part.value : undefined;
      const clockNow = read(clock);
      setState((s) => ({
        world: read(world) ?? s.world,
        clock: clockNow ? { ...clockNow, readAt: Date.now() } : s.clock,
        faults: read(faults)?.faults ?? s.faults,
        journal: read(journal)?.entries.slice().reverse() ?? s.journal,
      }));
      const failed = [world, clock, faults, journal].find((part) => part.status === "rejected");
      if (failed) fail(failed.reason);
    },
    [fail],
  );

  const connect = useCallback(() => {
    watch.current?.stop();
    watch.current = watchEvents((event) => void load(event.topics), setConnection);
  }, [load]);

  useEffect(() => {
    connect();
    return () => watch.current?.stop();
  }, [connect]);

  useEffect(() => {
    void load(["journal"]);
  }, [journalRpc, load]);

  /** Runs one action; says what it did, or the mock's error, in the outcome line. */
  const act = useCallback(
    async <T>(
      done: string | ((result: T) => string),
      action: () => Promise<T>,
    ): Promise<boolean> => {
      try {
        const result = await action();
        setOutcome({ ok: true, text: typeof done === "string" ? done : done(result) });
        // The event stream brings the change too; reading now keeps the page snappy.
        await load(["world", "faults", "journal", "clock"]);
        return true;
      } catch (error) {
        setOutcome({ ok: false, text: (error as Error).message });
        fail(error);
        return false;
      }
    },
    [load, fail],
  );

  return { state, connection, outcome, act, connect, journalRpc, setJournalRpc };
}

export type MockApi = ReturnType<typeof useMockState>;
