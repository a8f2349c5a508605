import { expect, it } from "vitest";
import { simulateLatency } from "./simulate-latency.js";

it("returns at once without latency and after it otherwise", async () => {
  await expect(simulateLatency(0)).resolves.toBeUndefined();
  const started = performance.now();
  await simulateLatency(30, 1000);
  expect(performance.now() - started).toBeGreaterThanOrEqual(25);
});

it("answers deadline_exceeded at the deadline when the latency is longer", async () => {
  const started = performance.now();
  await expect(simulateLatency(10_000, 30)).rejects.toMatchObject({ code: "deadline_exceeded" });
  const waited = performance.now() - started;
  expect(waited).toBeGreaterThanOrEqual(25);
  expect(waited).toBeLessThan(5_000);
});

it("answers canceled as soon as the client goes away", async () => {
  const gone = new AbortController();
  setTimeout(() => gone.abort(), 20);
  await expect(simulateLatency(10_000, undefined, gone.signal)).rejects.toMatchObject({
    code: "canceled",
  });
});
