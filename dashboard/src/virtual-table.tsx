import type { ComponentChildren } from "preact";
import { useLayoutEffect, useRef, useState } from "preact/hooks";

/** Every row of a windowed table is this tall (dashboard.css sets it too). */
export const ROW_HEIGHT = 34;
// Rows drawn above and below the visible ones, so a short scroll shows no gap.
const OVERSCAN = 8;

/** One column: its header, width, how a row shows in it, and whether it sorts. */
export interface Column<T> {
  key: string;
  label: string;
  /** A CSS width; columns without one share what is left. */
  width?: string;
  sortable?: boolean;
  cell: (row: T) => ComponentChildren;
}

export interface Sort {
  key: string;
  descending: boolean;
}

/**
 * A table that draws only the rows on screen (and a few around them), so a list of 10,000
 * records costs a few dozen rows of DOM. Rows have one fixed height; the header stays on top
 * and its sortable columns are buttons that say how the table is sorted (aria-sort). Assistive
 * technology is told the full count (aria-rowcount) and each row's place (aria-rowindex).
 */
export function VirtualTable<T>({
  label,
  rows,
  columns,
  rowKey,
  rowAttributes,
  sort,
  onSort,
  visibleRows = 14,
  empty,
}: {
  label: string;
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  rowAttributes?: (row: T) => Record<string, string>;
  sort?: Sort;
  onSort?: (key: string) => void;
  visibleRows?: number;
  empty: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const frame = useRef(0);
  // A shorter list than the scroll position allows: back to where rows are.
  useLayoutEffect(() => {
    const el = box.current;
    if (el && top > rows.length * ROW_HEIGHT) {
      el.scrollTop = 0;
      setTop(0);
    }
  }, [rows.length, top]);
  const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(rows.length, first + visibleRows + 2 * OVERSCAN);
  const shown = rows.slice(first, last);
  return (
    <div
      ref={box}
      class="window"
      style={{ maxHeight: `${(visibleRows + 1) * ROW_HEIGHT + 2}px` }}
      onScroll={(e) => {
        const el = e.currentTarget;
        cancelAnimationFrame(frame.current);
        frame.current = requestAnimationFrame(() => setTop(el.scrollTop));
      }}
    >
      <table aria-label={label} aria-rowcount={rows.length + 1} class="fixed">
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            {columns.map((c) => {
              const sorted = sort?.key === c.key;
              return (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sorted ? (sort?.descending ? "descending" : "ascending") : undefined}
                >
                  {c.sortable && onSort ? (
                    <button type="button" class="sort" onClick={() => onSort(c.key)}>
                      {c.label}
                      <span aria-hidden="true">
                        {sorted ? (sort?.descending ? " ▼" : " ▲") : ""}
                      </span>
                    </button>
                  ) : (
                    c.label
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          )}
          {first > 0 && (
            <tr class="spacer">
              <td colSpan={columns.length} style={{ height: `${first * ROW_HEIGHT}px` }} />
            </tr>
          )}
          {shown.map((row, i) => (
            <tr key={rowKey(row)} aria-rowindex={first + i + 2} {...rowAttributes?.(row)}>
              {columns.map((c) => (
                <td key={c.key}>{c.cell(row)}</td>
              ))}
            </tr>
          ))}
          {last < rows.length && (
            <tr class="spacer">
              <td
                colSpan={columns.length}
                style={{ height: `${(rows.length - last) * ROW_HEIGHT}px` }}
              />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The next sort after a click on column `key`: ascending first, then the other way. */
export function nextSort(current: Sort, key: string): Sort {
  return current.key === key
    ? { key, descending: !current.descending }
    : { key, descending: false };
}
