import Link from "next/link";
import type { ReactNode } from "react";

/**
 * A GET form of filters that keeps them in the URL (it works without JavaScript): the fields,
 * then the button that applies them and the link that clears them, on one line where it fits.
 */
export function FilterBar({
  label,
  applyLabel,
  resetLabel,
  resetHref,
  columns = "sm:grid-cols-3 lg:grid-cols-6",
  children,
}: {
  /** The form's accessible name. */
  label: string;
  applyLabel: string;
  resetLabel: string;
  resetHref: string;
  /** The grid's columns at each width. */
  columns?: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      aria-label={label}
      className={`grid gap-3 rounded-md border border-slate-300 bg-slate-50 p-4 ${columns}`}
    >
      {children}
      <div className="flex items-end gap-3">
        <button type="submit" className="btn btn-primary">
          {applyLabel}
        </button>
        <Link href={resetHref} className="text-sm">
          {resetLabel}
        </Link>
      </div>
    </form>
  );
}
