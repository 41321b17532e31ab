import { SDG_GOALS } from "@/domain/sdg";

/**
 * A small tile in the goal's official colour, with its number. It is an image named by the goal
 * (`role="img"`, `aria-label`): screen readers read the name, not the number. The name shows on
 * hover from the same attribute (the `.sdg-tile` tooltip of app/globals.css), so a list of tiles
 * carries each name once instead of twice (a `title` and a hidden text).
 */
export function SdgBadge({ goal, name, primary }: { goal: number; name: string; primary?: boolean }) {
  // The colours are the `.sdg-<goal>` classes of app/globals.css; a goal outside the 17 gets grey.
  const known = SDG_GOALS.some((g) => g.number === goal);
  return (
    <span
      className={`sdg-tile ${known ? `sdg-${goal}` : "bg-neutral-700 text-white"}${primary ? " sdg-primary" : ""}`}
      role="img"
      aria-label={name}
    >
      {goal}
    </span>
  );
}
