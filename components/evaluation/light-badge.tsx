import type { StatusLight } from "@/domain/evaluation";

const STYLE: Record<StatusLight, string> = {
  green: "bg-green-700",
  new: "bg-white",
  amber: "bg-amber-500",
  red: "bg-red-700",
};

/**
 * The evaluation light's markup, with its words already translated: a coloured dot and its
 * meaning (colour is never the only cue). Shared by the server's `EvaluationLight` and the
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
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" title={long} data-light={light}>
      <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-full ring-1 ring-slate-700 ${STYLE[light]}`} />
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
