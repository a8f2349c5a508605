import { useLayoutEffect, useRef } from "preact/hooks";

/** One entry of a row's menu. */
export interface MenuItem {
  label: string;
  disabled?: boolean;
  run: () => void;
}

/**
 * A row's actions as a menu opened from its "⋯" button: placed under the button (kept on
 * screen), arrow keys move between entries, Escape closes it and gives focus back.
 */
export function RowMenu({
  label,
  button,
  items,
  onClose,
}: {
  label: string;
  button: HTMLElement;
  items: MenuItem[];
  onClose: () => void;
}) {
  const menu = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;
  // On opening only (and before any key can reach the page): updates of the page while it is
  // open must not move the focus.
  useLayoutEffect(() => {
    menu.current?.querySelector<HTMLButtonElement>("button:not([disabled])")?.focus();
    const away = (e: Event) => {
      if (!menu.current?.contains(e.target as Node) && e.target !== button) closeRef.current();
    };
    document.addEventListener("pointerdown", away);
    return () => document.removeEventListener("pointerdown", away);
  }, [button]);
  const rect = button.getBoundingClientRect();
  const close = () => {
    onClose();
    button.focus();
  };
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={label}
      class="menu"
      style={{
        top: `${Math.min(rect.bottom + 2, innerHeight - items.length * 32 - 8)}px`,
        left: `${Math.max(4, rect.right - 180)}px`,
      }}
      onKeyDown={(e) => {
        const buttons = [
          ...(menu.current?.querySelectorAll<HTMLButtonElement>("button:not([disabled])") ?? []),
        ];
        const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
        if (e.key === "Escape" || e.key === "Tab") {
          e.preventDefault();
          close();
        } else if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          const step = e.key === "ArrowDown" ? 1 : -1;
          buttons[(at + step + buttons.length) % buttons.length]?.focus();
        }
      }}
    >
      {items.map((item) => (
        <button
          key={item.label}
          type="button"
          role="menuitem"
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
