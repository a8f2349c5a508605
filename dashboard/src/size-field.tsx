/**
 * A pool size input (a whole number from 0) labelled Min or Max; `name` replaces the label as
 * its accessible name where the label alone would not say which pool it sizes.
 */
export function SizeField({
  label,
  name,
  value,
  onChange,
  focusKey,
}: {
  label: string;
  name?: string;
  value: string;
  onChange: (value: string) => void;
  /** Marks the input the page focuses when the form is opened (`data-focus`). */
  focusKey?: string;
}) {
  return (
    <label>
      {label}{" "}
      <input
        type="number"
        min="0"
        required
        class="size"
        data-focus={focusKey}
        aria-label={name}
        value={value}
        onInput={(e) => onChange(e.currentTarget.value)}
      />
    </label>
  );
}
