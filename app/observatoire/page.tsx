import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { ObservatoryView, observatoryHref } from "@/components/observatory/observatory-view";
import { loadObservatory } from "./load";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("observatory");
  return { title: t("title"), description: t("metaDescription"), alternates: { canonical: "/observatoire" } };
}

/**
 * The public observatory of France. Its région and goal choice is a GET form: a choice leads to
 * that région's or goal's own page (which search engines index), so it works without JavaScript.
 */
export default async function ObservatoryPage({ searchParams }: Props) {
  const raw = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
  const region = one(raw.region);
  const goal = one(raw.odd);
  if (/^\d{2,3}$/.test(region)) redirect(observatoryHref("region", region));
  if (/^([1-9]|1[0-7])$/.test(goal)) redirect(observatoryHref("goal", goal));
  const data = await loadObservatory("france");
  const t = await getTranslations("observatory");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <ObservatoryView data={data} />
    </div>
  );
}
