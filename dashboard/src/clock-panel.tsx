import { useEffect, useState } from "preact/hooks";
import { callAdmin } from "./admin-api.js";
import { useDashboard } from "./dashboard-context.js";
import { formatTime } from "./format.js";

const PRESETS: { label: string; ms: number }[] = [
  { label: "+1 s", ms: 1_000 },
  { label: "+5 s", ms: 5_000 },
  { label: "+1 min", ms: 60_000 },
  { label: "+1 h", ms: 3_600_000 },
];

/** The simulated clock (run on locally in real mode) and the buttons that move it. */
export function ClockPanel() {
  const d = useDashboard();
  const clock = d.mock.clock;
  const [seconds, setSeconds] = useState("30");
  const [, tick] = useState(0);
  useEffect(() => {
    if (clock?.mode !== "real") return;
    const timer = setInterval(() => tick((n) => n + 1), 1000);
    return () => clearInterval(timer);
  }, [clock?.mode]);
  if (!clock) return null;
  const now =
    clock.mode === "real" ? clock.nowMs + (Date.now() - clock.readAt) * clock.scale : clock.nowMs;
  const advance = (ms: number, anchor: Element | null) =>
    d.mock.act(anchor, `Advanced the clock by ${ms / 1000} s`, () =>
      callAdmin("advanceClock", { body: { ms } }),
    );
  return (
    <section class="panel clock" aria-labelledby="clock-heading">
      <h2 id="clock-heading">Clock</h2>
      <p>
        <span>
          Mode: <strong data-testid="clock-mode">{clock.mode}</strong>
        </span>{" "}
        {clock.mode === "real" && (
          <span>
            Time scale: <strong data-testid="clock-scale">×{clock.scale}</strong>
          </span>
        )}{" "}
        <span>
          Simulated now: <time data-testid="clock-now">{formatTime(Math.floor(now))}</time>
        </span>
      </p>
      <div class="row">
        {PRESETS.map((p) => (
          <button
            type="button"
            key={p.label}
            aria-label={`Advance the clock by ${p.label.slice(1)}`}
            onClick={(e) => void advance(p.ms, e.currentTarget)}
          >
            {p.label}
          </button>
        ))}
        <form
          class="inline"
          onSubmit={(e) => {
            e.preventDefault();
            const anchor = e.currentTarget.querySelector("button");
            void advance(Math.round(Number(seconds) * 1000), anchor);
          }}
        >
          <label>
            Seconds to advance{" "}
            <input
              type="number"
              min="0"
              step="any"
              required
              class="size"
              value={seconds}
              onInput={(e) => setSeconds(e.currentTarget.value)}
            />
          </label>
          <button type="submit">Advance the clock</button>
        </form>
      </div>
    </section>
  );
}
