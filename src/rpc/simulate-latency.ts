import { ConnectError } from "../errors/connect-error.js";

/**
 * Waits out an RPC's configured latency before it runs. When the client's deadline comes
 * first, waits until the deadline and answers `deadline_exceeded` without running the RPC;
 * when the client goes away meanwhile (`signal`), answers `canceled`. Either way a call that
 * did not finish changes nothing.
 */
export async function simulateLatency(
  latencyMs: number,
  timeoutMs?: number,
  signal?: AbortSignal,
): Promise<void> {
  const exceeds = timeoutMs !== undefined && latencyMs > timeoutMs;
  // setTimeout fires at once beyond 2^31-1 ms; no test or user waits 24 days anyway.
  const waitMs = Math.min(exceeds ? timeoutMs : latencyMs, 2 ** 31 - 1);
  if (waitMs > 0) await sleep(waitMs, signal);
  if (exceeds) {
    throw new ConnectError(
      "deadline_exceeded",
      `the call took longer than its ${timeoutMs} ms deadline (simulated latency ${latencyMs} ms)`,
    );
  }
}

// Resolves after `ms`, or rejects `canceled` as soon as `signal` aborts.
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const canceled = () => new ConnectError("canceled", "client closed the request");
    if (signal?.aborted) return reject(canceled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(canceled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
