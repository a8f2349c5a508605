import { useState } from "preact/hooks";

/** How an ID shows in a table: its last 8 characters (where generated IDs differ most). */
export function shortId(id: string): string {
  return id.length > 8 ? `…${id.slice(-8)}` : id;
}

/**
 * An ID shortened (shortId), linking to the record's details when `href` is given; the whole
 * ID is in its accessible name and its tooltip, and a button copies it.
 */
export function ShortId({ id, what, href }: { id: string; what: string; href?: string }) {
  const [copied, setCopied] = useState(false);
  const text = shortId(id);
  return (
    <span class="short-id">
      {href ? (
        <a href={href} title={id} aria-label={`${what} ${id}`}>
          <code>{text}</code>
        </a>
      ) : (
        <code title={id}>
          <span aria-hidden="true">{text}</span>
          <span class="sr-only">
            {what} {id}
          </span>
        </code>
      )}
      <CopyButton
        text={id}
        label={`Copy the ID ${id}`}
        copied={copied}
        onCopied={() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 1500);
        }}
      />
    </span>
  );
}

/** A small button that puts `text` on the clipboard. */
export function CopyButton({
  text,
  label,
  copied = false,
  onCopied,
}: {
  text: string;
  label: string;
  copied?: boolean;
  onCopied?: () => void;
}) {
  return (
    <button
      type="button"
      class="copy"
      title={label}
      aria-label={label}
      onClick={() => void navigator.clipboard?.writeText(text).then(onCopied)}
    >
      {copied ? (
        "✓"
      ) : (
        <svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
          <rect x="3.5" y="0.5" width="8" height="8" rx="1" fill="none" stroke="currentColor" />
          <rect x="0.5" y="3.5" width="8" height="8" rx="1" fill="Canvas" stroke="currentColor" />
        </svg>
      )}
    </button>
  );
}
