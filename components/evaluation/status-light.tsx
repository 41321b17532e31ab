import { getTranslations } from "@/server/i18n/server-translations";
import type { StatusLight } from "@/domain/evaluation";
import { LightBadge } from "./light-badge";

/** The evaluation light: a coloured dot with its meaning in words (colour is never the only cue). */
export async function EvaluationLight({ light, long = false }: { light: StatusLight; long?: boolean }) {
  const t = await getTranslations("evaluation");
  return <LightBadge light={light} short={t(`lightShort.${light}`)} long={t(`light.${light}`)} showLong={long} />;
}
