import type { ConnectionState } from "./watch-events.js";

/** Says whether the page is live; when the mock cannot be reached, says so and offers a retry. */
export function ConnectionBanner({
  state,
  onRetry,
}: {
  state: ConnectionState;
  onRetry: () => void;
}) {
  if (state.kind === "unreachable") {
    return (
      <div class="banner banner-error" role="alert">
        Cannot reach the mock at {location.origin} ({state.reason}). Retrying in{" "}
        {Math.ceil(state.retryInMs / 1000)} s.{" "}
        <button type="button" onClick={onRetry}>
          Retry now
        </button>
      </div>
    );
  }
  const text =
    state.kind === "live"
      ? "Live: changes appear as they happen"
      : state.kind === "connecting"
        ? "Connecting…"
        : "Waiting for the admin token";
  return (
    <p class={`connection connection-${state.kind}`} role="status">
      {text}
    </p>
  );
}
