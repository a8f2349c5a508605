import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";

/** What an action said, and the control it was asked for at. */
export interface FeedbackState {
  id: number;
  ok: boolean;
  busy?: boolean;
  text: string;
  anchor: Element | undefined;
}

const SHOWN_MS = 6000;

/**
 * The outcome of the last action, shown next to the control that asked for it (just below it,
 * kept on screen), and announced by screen readers (a live region). A success goes after a
 * few seconds; an error stays until dismissed or the next action.
 */
export function Feedback({
  state,
  onDismiss,
}: {
  state: FeedbackState | undefined;
  onDismiss: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [place, setPlace] = useState<{ top: number; left: number } | undefined>();
  useLayoutEffect(() => {
    const anchor = state?.anchor;
    const el = box.current;
    if (!state || !el) return;
    // An anchor gone from the page (a deleted row) leaves the message where the page's top is.
    const rect =
      anchor?.isConnected === true ? anchor.getBoundingClientRect() : new DOMRect(16, 8, 0, 0);
    const width = el.offsetWidth;
    const height = el.offsetHeight;
    const below = rect.bottom + 6;
    const top = below + height > innerHeight ? Math.max(4, rect.top - height - 6) : below;
    const left = Math.min(Math.max(4, rect.left), Math.max(4, innerWidth - width - 4));
    setPlace({ top, left });
  }, [state]);
  useEffect(() => {
    if (!state?.ok || state.busy) return;
    const timer = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(timer);
  }, [state, onDismiss]);
  return (
    <div
      ref={box}
      class={`feedback ${state ? (state.ok ? "feedback-ok" : "feedback-error") : "feedback-empty"}`}
      style={place && state ? { top: `${place.top}px`, left: `${place.left}px` } : undefined}
      role="status"
      aria-live="polite"
      data-testid="feedback"
    >
      {state && <span>{state.text}</span>}
      {state && !state.ok && (
        <button type="button" class="link" onClick={onDismiss}>
          Dismiss
        </button>
      )}
    </div>
  );
}
