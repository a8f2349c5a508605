/**
 * Polls `probe` until it returns a value other than undefined, backing off from 25 ms to
 * 500 ms between tries (or the `pace` given); returns undefined once `timeoutMs` has passed.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  pace: { firstMs: number; maxMs: number } = { firstMs: 25, maxMs: 500 },
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  let delay = pace.firstMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, deadline - Date.now())));
    delay = Math.min(delay * 2, pace.maxMs);
  }
}
