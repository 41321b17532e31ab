import { SDG_GOALS, textColourOn } from "@/domain/sdg";

/** A small tile in the goal's official colour, with its number; the name is given to screen readers. */
export function SdgBadge({ goal, name, primary }: { goal: number; name: string; primary?: boolean }) {
  const colour = SDG_GOALS[goal - 1]?.colour ?? "#444444";
  return (
    <span
      className={primary ? "sdg-tile ring-2 ring-slate-900 ring-offset-1" : "sdg-tile"}
      style={{ backgroundColor: colour, color: textColourOn(colour) }}
      title={name}
    >
      <span aria-hidden="true">{goal}</span>
      <span className="sr-only">{name}</span>
    </span>
  );
}
