import { getTranslations } from "next-intl/server";
import type { StatusLight } from "@/domain/evaluation";

const STYLE: Record<StatusLight, string> = {
  green: "bg-green-700",
  new: "bg-white",
  amber: "bg-amber-500",
  red: "bg-red-700",
};

/** The evaluation light: a coloured dot with its meaning in words (colour is never the only cue). */
export async function EvaluationLight({ light, long = false }: { light: StatusLight; long?: boolean }) {
  const t = await getTranslations("evaluation");
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" title={t(`light.${light}`)} data-light={light}>
      <span aria-hidden="true" className={`inline-block h-3 w-3 rounded-full ring-1 ring-slate-700 ${STYLE[light]}`} />
      {long ? (
        <span>{t(`light.${light}`)}</span>
      ) : (
        <>
          <span>{t(`lightShort.${light}`)}</span>
          <span className="sr-only"> — {t(`light.${light}`)}</span>
        </>
      )}
    </span>
  );
}
