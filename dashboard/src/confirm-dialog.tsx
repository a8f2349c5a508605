import type { VNode } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";

/** What a confirmation asks: a question, what the action replaces or loses, and its button. */
export interface ConfirmRequest {
  title: string;
  lines: string[];
  confirm: string;
}

interface Open extends ConfirmRequest {
  resolve: (yes: boolean) => void;
}

/**
 * A modal confirmation (a native <dialog>: focus stays in it, Escape cancels) for actions that
 * replace or delete what cannot be got back. Returns the function that asks, and the dialog.
 */
export function useConfirm(): [(request: ConfirmRequest) => Promise<boolean>, VNode] {
  const [open, setOpen] = useState<Open | undefined>();
  const dialog = useRef<HTMLDialogElement>(null);
  const ask = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => setOpen({ ...request, resolve })),
    [],
  );
  useEffect(() => {
    const el = dialog.current;
    if (open && el && !el.open) el.showModal();
  }, [open]);
  const answer = (yes: boolean) => {
    dialog.current?.close();
    open?.resolve(yes);
    setOpen(undefined);
  };
  const view = (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby="confirm-title"
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {open && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            answer(true);
          }}
        >
          <h2 id="confirm-title">{open.title}</h2>
          <ul>
            {open.lines.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <div class="row">
            <button type="submit" class="danger">
              {open.confirm}
            </button>
            <button type="button" onClick={() => answer(false)} autofocus>
              Cancel
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
  return [ask, view];
}
