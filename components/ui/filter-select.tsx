"use client";

/**
 * A labelled select for the GET filter forms of the library, the dashboards and the reports:
 * the first option means "no filter", and the current value comes from the URL.
 * A client component although it has no state: its options then travel as data in React's
 * payload rather than as markup written a second time (the territory page's place filter has 88).
 */
export function FilterSelect({
  id,
  name,
  label,
  allLabel,
  value,
  options,
}: {
  id: string;
  name: string;
  label: string;
  /** The "no filter" option's label; omit it when a value is always required. */
  allLabel?: string;
  value: string | number | null | undefined;
  options: ReadonlyArray<{ value: string | number; label: string }>;
}) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      <select
        id={id}
        name={name}
        defaultValue={value === null || value === undefined ? "" : String(value)}
        className="mt-1 block w-full max-w-xs rounded-md border border-slate-500 bg-white px-3 py-2 focus:outline focus:outline-3 focus:outline-blue-700"
      >
        {allLabel !== undefined ? <option value="">{allLabel}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
