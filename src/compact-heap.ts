import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Below this much heap there is little to give back, and a full collection costs start-up time.
const WORTH_COMPACTING_BYTES = 64 * 1024 * 1024;

/**
 * Runs full garbage collections once after a large world was loaded, so the pages that held
 * the file's text and the parser's garbage go back to the system; returns whether it ran.
 */
export function compactHeapAfterLoad({
  minHeapBytes = WORTH_COMPACTING_BYTES,
}: {
  minHeapBytes?: number;
} = {}): boolean {
  if (getHeapStatistics().total_heap_size < minHeapBytes) return false;
  // An idle server never triggers a major GC by itself, so without this the load peak stays
  // resident. --expose-gc set at run time only takes effect in a context created afterwards.
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  // The first collection frees the garbage; the second lets V8 release the emptied pages.
  gc();
  gc();
  return true;
}
