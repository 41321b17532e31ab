import type { StatusLight } from "@/domain/evaluation";

/**
 * The evaluation light's markup, with its words already translated: a coloured dot and its
 * meaning (colour is never the only cue). Shared by the server's `EvaluationLight` and the
 * list's client rows, which repeat it on every row, so it carries each word once:
 * - the dot is drawn by CSS from `data-light` (app/globals.css), not by an element of its own;
 * - the long meaning is hidden text that screen readers read after the short word (a dash between
 *   them comes from CSS), and that hovering the badge shows as a tooltip (instead of a `title`
 *   holding a second copy).
 */
export function LightBadge({
  light,
  short,
  long,
  showLong = false,
}: {
  light: StatusLight;
  short: string;
  long: string;
  showLong?: boolean;
}) {
  return (
    <span className="light-badge" data-light={light}>
      {showLong ? (
        long
      ) : (
        <>
          {short}
          <span className="light-tip">{long}</span>
        </>
      )}
    </span>
  );
}
