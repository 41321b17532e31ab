import { MATURITY_AXES } from "../../domain/maturity";
import { labelOf } from "../../messages/labels";
import type { Locale } from "../../messages/locales";
import { translator } from "../i18n/translate";
import type { Maturity } from "../services/maturity/get-maturity";
import { toCsv } from "./tabular";

/** The workspace's closed self-assessments, one line per year, one column per axis (levels 1 to 4). */
export function maturityCsv(maturity: Maturity, locale: Locale): string {
  const t = translator(locale);
  return toCsv(
    [t("maturity.year"), ...MATURITY_AXES.map((axis) => labelOf(t, "maturity.axes", axis)), "version"],
    maturity.closed.map((a) => [a.year, ...MATURITY_AXES.map((axis) => a.levels[axis] ?? null), a.version]),
  );
}
