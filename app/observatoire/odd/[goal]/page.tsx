import type { Metadata } from "next";
import { getTranslations } from "@/server/i18n/server-translations";
import { ObservatoryView } from "@/components/observatory/observatory-view";
import { labelOf } from "@/messages/labels";
import { loadObservatory } from "../../load";

type Props = { params: Promise<{ goal: string }> };

export const dynamic = "force-dynamic";

async function title(goal: string) {
  const t = await getTranslations();
  return t("observatory.goalTitle", { goal, name: labelOf(t, "sdg.goals", goal) });
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { goal } = await params;
  await loadObservatory("goal", goal);
  const t = await getTranslations("observatory");
  return {
    title: await title(goal),
    description: t("metaDescription"),
    alternates: { canonical: `/observatoire/odd/${goal}` },
  };
}

/** The observatory of one SDG goal: its targets, modes, partners and régions, a page search engines index. */
export default async function GoalObservatoryPage({ params }: Props) {
  const { goal } = await params;
  const data = await loadObservatory("goal", goal);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{await title(goal)}</h1>
      <ObservatoryView data={data} />
    </div>
  );
}
