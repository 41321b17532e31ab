import type { StatusLight } from "@/domain/evaluation";

/**
 * The evaluation light's markup, with its words already translated: a coloured dot and its
 * meaning (colour is never the only cue). Its classes are in app/globals.css, short because a
 * list repeats the badge on every row. Shared by the server's `EvaluationLight` and the
 * list's client rows.
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
    <span className="light-badge" title={long} data-light={light}>
      <span aria-hidden="true" className={`light-dot light-dot-${light}`} />
      {showLong ? (
        <span>{long}</span>
      ) : (
        <>
          <span>{short}</span>
          <span className="sr-only"> — {long}</span>
        </>
      )}
    </span>
  );
}
