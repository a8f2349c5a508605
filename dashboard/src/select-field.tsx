/** One choice of a select: what is sent, what is shown, and an optional tooltip. */
export interface SelectOption {
  value: string;
  label: string;
  title?: string;
}

/** A select named by its label, so every picker on the page has the same accessible shape. */
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
  return (
    <label>
      {label}{" "}
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value} title={o.title}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
