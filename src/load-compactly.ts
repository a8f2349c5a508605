import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Below this much heap there is little to give back, and a full collection costs start-up time.
const WORTH_COMPACTING_BYTES = 64 * 1024 * 1024;

/** What the load returned, and whether the heap was then compacted. */
export interface CompactLoad<T> {
  value: T;
  /** Whether the heap was large enough to be compacted. */
  compacted: boolean;
}

/**
 * Runs a world load in V8's memory-saving mode, then, if the heap ended up large, collects and
 * compacts it so the load's peak goes back to the system. `lowMemory` keeps the memory-saving
 * mode on for good: its tighter heap growth means less RSS under load and more CPU per request.
 */
export function loadCompactly<T>(
  load: () => T,
  { lowMemory = false, minHeapBytes = WORTH_COMPACTING_BYTES } = {},
): CompactLoad<T> {
  // V8 otherwise grows the young generation to its maximum while a large file is parsed and
  // keeps it: on the 100,000-pool bench world, 160 MB of idle RSS instead of 136 MB. The mode
  // only tunes the collector's sizing; V8 switches into it by itself for a backgrounded page.
  setFlagsFromString("--optimize-for-size");
  let value: T;
  try {
    value = load();
  } finally {
    // Kept on, the mode is also in force for the collections below, which set the heap limit
    // the server then grows to: set afterwards, it would wait for a limit computed without it.
    if (!lowMemory) setFlagsFromString("--no-optimize-for-size");
  }
  if (getHeapStatistics().total_heap_size < minHeapBytes) return { value, compacted: false };
  // An idle server never triggers a major GC by itself, so without this the load peak stays
  // resident. --expose-gc set at run time only takes effect in a context created afterwards.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  // The first collection frees the garbage; the second lets V8 release the emptied pages.
  // By default V8 moves only the sparsest pages, leaving the store's records spread over pages
  // half filled by the parse: evacuating every page here took old space from 97 MB to 64 MB
  // for 63 MB of live data (100,000-pool bench world).
  setFlagsFromString("--compact-on-every-full-gc");
  gc();
  gc();
  setFlagsFromString("--no-compact-on-every-full-gc");
  return { value, compacted: true };
}
