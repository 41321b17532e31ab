import { SDG_GOALS } from "@/domain/sdg";

/** A small tile in the goal's official colour, with its number; the name is given to screen readers. */
export function SdgBadge({ goal, name, primary }: { goal: number; name: string; primary?: boolean }) {
  // The colours are the `.sdg-<goal>` classes of app/globals.css; a goal outside the 17 gets grey.
  const known = SDG_GOALS.some((g) => g.number === goal);
  return (
    <span
      className={`sdg-tile ${known ? `sdg-${goal}` : "bg-neutral-700 text-white"}${primary ? " ring-2 ring-slate-900 ring-offset-1" : ""}`}
      title={name}
    >
      <span aria-hidden="true">{goal}</span>
      <span className="sr-only">{name}</span>
    </span>
  );
}
