import { setTimeout as sleep } from "node:timers/promises";
import { ConnectError } from "../protocol/connect-error.js";

/**
 * Waits out an RPC's configured latency before it runs. When the client's deadline comes
 * first, waits until the deadline and answers `deadline_exceeded` without running the RPC,
 * so a timed-out call changes nothing.
 */
export async function simulateLatency(latencyMs: number, timeoutMs?: number): Promise<void> {
  if (timeoutMs !== undefined && latencyMs > timeoutMs) {
    await sleep(timeoutMs);
    throw new ConnectError(
      "deadline_exceeded",
      `the call took longer than its ${timeoutMs} ms deadline (simulated latency ${latencyMs} ms)`,
    );
  }
  if (latencyMs > 0) await sleep(latencyMs);
}
