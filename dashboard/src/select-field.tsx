import { useMemo } from "preact/hooks";

/** One choice of a select: what is sent, what is shown, and an optional tooltip. */
export interface SelectOption {
  value: string;
  label: string;
  title?: string;
}

// A component of its own, so a list of thousands of options that did not change (the same
// array) is not compared again on every update of the page.
function OptionList({ options }: { options: readonly SelectOption[] }) {
  return (
    <>
      {options.map((o) => (
        <option key={o.value} value={o.value} title={o.title}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/**
 * A select named by its label, so every picker on the page has the same accessible shape.
 * Pass the same `options` array while the choices are the same (useMemo): long lists then cost
 * nothing on updates.
 */
export function SelectField({
  label,
  value,
  options,
  onChange,
}: {
  label: string;
  value: string;
  options: readonly SelectOption[];
  onChange: (value: string) => void;
}) {
  const list = useMemo(() => <OptionList options={options} />, [options]);
  return (
    <label>
      {label}{" "}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {list}
      </select>
    </label>
  );
}
