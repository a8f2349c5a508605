import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type {
  ChangeEvent,
  Clock,
  Fault,
  JournalEntry,
  JournalMark,
  Overview,
  ScenarioInForce,
} from "../../src/generated/admin-types.js";
import { ApiError, callAdmin, UnreachableError } from "./admin-api.js";
import type { FeedbackState } from "./feedback.js";
import { type ConnectionState, type Watch, watchEvents } from "./watch-events.js";
import { WorldModel } from "./world-model.js";

/** The calls the journal panel shows (the newest). */
export const JOURNAL_LIMIT = 100;
// The first page is small so the first rows show at once; the others are larger.
const FIRST_PAGE = 250;
const NEXT_PAGES = 2000;
// Journal and fault rules are read at most this often however fast calls come.
const READ_EVERY_MS = 400;

/**
 * The dashboard's live copy of the mock. The world is read once in pages and then kept
 * current: each change event says what moved, and only the records changed since the held
 * revision are read (GET /_admin/records?since=); the journal reads only calls newer than
 * those it holds; clock and scenario come inside the events. Runs actions and says how each
 * went next to where it was asked for.
 */
export function useMock() {
  const model = useRef(new WorldModel()).current;
  const [, setTick] = useState(0);
  const [connection, setConnection] = useState<ConnectionState>({ kind: "connecting" });
  const [clock, setClock] = useState<(Clock & { readAt: number }) | undefined>();
  const [scenario, setScenario] = useState<ScenarioInForce | undefined>();
  const [overview, setOverview] = useState<Overview | undefined>();
  const [loading, setLoading] = useState(false);
  const [faults, setFaults] = useState<Fault[]>([]);
  const [journal, setJournal] = useState<JournalEntry[]>([]);
  const [journalRpc, setJournalRpcState] = useState("");
  const [feedback, setFeedback] = useState<FeedbackState | undefined>();
  const watch = useRef<Watch | undefined>(undefined);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const dismissFeedback = useCallback(() => setFeedback(undefined), []);

  const fail = useCallback((error: unknown) => {
    if (error instanceof ApiError && error.code === "unauthenticated") {
      setConnection({ kind: "needs-token", wrong: true });
      watch.current?.stop();
    } else if (error instanceof UnreachableError) {
      watch.current?.retry();
    }
  }, []);

  // The world: one read at a time; a change during a read asks for another after it.
  const world = useRef({ busy: false, again: false, wanted: -1 }).current;
  const syncWorld = useCallback(async () => {
    if (world.busy) {
      world.again = true;
      return;
    }
    world.busy = true;
    try {
      do {
        world.again = false;
        const since = Math.max(model.revision, 0);
        let page = await callAdmin("readRecords", {
          query: { since: String(since), limit: String(FIRST_PAGE) },
        });
        // Another mock (a restart) answers: what is held says nothing of its world.
        if (!page.reload && page.instance !== model.instance) {
          model.revision = -1;
          world.again = true;
          continue;
        }
        setLoading(page.reload && page.cursor !== undefined);
        model.apply(page, page.reload);
        refresh();
        while (page.cursor) {
          page = await callAdmin("readRecords", {
            query: { cursor: page.cursor, limit: String(NEXT_PAGES) },
          });
          model.apply(page, false);
          refresh();
        }
        model.revision = page.revision;
        setLoading(false);
      } while (world.again || world.wanted > model.revision);
    } catch (error) {
      fail(error);
    } finally {
      world.busy = false;
    }
  }, [model, world, refresh, fail]);

  // Journal and fault rules: at most one read in flight, and not more often than READ_EVERY_MS.
  const journalState = useRef({ rpc: "", mark: { lastId: 0, size: 0 } as JournalMark }).current;
  const journalRef = useRef<JournalEntry[]>([]);
  const readJournal = useThrottled(async (fresh: boolean) => {
    const { mark, rpc } = journalState;
    const held = fresh ? [] : journalRef.current;
    const after = held[0]?.id ?? mark.lastId - mark.size;
    const { entries } = await callAdmin("getJournal", {
      query: {
        limit: String(JOURNAL_LIMIT),
        ...(held.length > 0 ? { after: String(after) } : {}),
        ...(rpc ? { rpc } : {}),
      },
    });
    // Calls before the kept range were dropped (or cleared) by the mock.
    const oldest = journalState.mark.lastId - journalState.mark.size;
    const next = [...entries.reverse(), ...held]
      .filter((e) => e.id > oldest)
      .slice(0, JOURNAL_LIMIT);
    journalRef.current = next;
    setJournal(next);
  }, fail);
  const readFaults = useThrottled(async () => {
    setFaults((await callAdmin("listFaults")).faults);
  }, fail);

  const onJournalMark = useCallback(
    (mark: JournalMark) => {
      journalState.mark = mark;
      if (mark.size === 0) {
        journalRef.current = [];
        setJournal([]);
      } else if ((journalRef.current[0]?.id ?? 0) < mark.lastId) {
        readJournal(false);
      }
    },
    [journalState, readJournal],
  );

  const onEvent = useCallback(
    (event: ChangeEvent) => {
      if (event.clock) setClock({ ...event.clock, readAt: Date.now() });
      if (event.scenario) setScenario(event.scenario);
      if (event.reload) {
        if (event.instance && event.instance !== model.instance) model.revision = -1;
        callAdmin("getOverview").then(setOverview, fail);
      }
      if (event.reload || (event.topics.includes("world") && event.revision > model.revision)) {
        world.wanted = Math.max(world.wanted, event.revision);
        void syncWorld();
      }
      if (event.journal) onJournalMark(event.journal);
      if (event.topics.includes("faults")) readFaults(false);
    },
    [model, world, syncWorld, onJournalMark, readFaults, fail],
  );

  const connect = useCallback(() => {
    watch.current?.stop();
    watch.current = watchEvents(onEvent, setConnection);
  }, [onEvent]);

  useEffect(() => {
    connect();
    return () => watch.current?.stop();
  }, [connect]);

  const setJournalRpc = useCallback(
    (rpc: string) => {
      journalState.rpc = rpc;
      setJournalRpcState(rpc);
      readJournal(true);
    },
    [journalState, readJournal],
  );

  /**
   * Runs one action asked for at `anchor` (the control clicked); says what it did, or the
   * mock's error, right there. The change events bring what it changed.
   */
  const act = useCallback(
    async <T>(
      anchor: Element | null | undefined,
      done: string | ((result: T) => string),
      action: () => Promise<T>,
    ): Promise<boolean> => {
      const at = anchor ?? document.activeElement ?? undefined;
      const id = Date.now();
      setFeedback({ id, ok: true, busy: true, text: "Working…", anchor: at });
      try {
        const result = await action();
        const text = typeof done === "string" ? done : done(result);
        setFeedback({ id, ok: true, text, anchor: at });
        return true;
      } catch (error) {
        setFeedback({ id, ok: false, text: (error as Error).message, anchor: at });
        fail(error);
        return false;
      }
    },
    [fail],
  );

  return {
    model,
    connection,
    connect,
    clock,
    scenario,
    overview,
    loading,
    faults,
    journal,
    journalRpc,
    setJournalRpc,
    feedback,
    dismissFeedback,
    act,
  };
}

export type MockApi = ReturnType<typeof useMock>;

/**
 * A read that runs at most once at a time and at most every READ_EVERY_MS: asking while it
 * runs (or too soon) runs it once more afterwards, with the last argument given.
 */
function useThrottled(
  read: (fresh: boolean) => Promise<void>,
  fail: (error: unknown) => void,
): (fresh: boolean) => void {
  const state = useRef({ busy: false, pending: false, fresh: false, read }).current;
  state.read = read;
  return useCallback(
    (fresh: boolean) => {
      state.pending = true;
      state.fresh ||= fresh;
      if (state.busy) return;
      const run = async () => {
        state.busy = true;
        while (state.pending) {
          const wasFresh = state.fresh;
          state.pending = false;
          state.fresh = false;
          try {
            await state.read(wasFresh);
          } catch (error) {
            fail(error);
          }
          if (state.pending) await new Promise((r) => setTimeout(r, READ_EVERY_MS));
        }
        state.busy = false;
      };
      void run();
    },
    [state, fail],
  );
}
