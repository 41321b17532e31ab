import type { Metadata } from "next";
import { getTranslations } from "@/server/i18n/server-translations";
import { ObservatoryView } from "@/components/observatory/observatory-view";
import { loadObservatory } from "../../load";

type Props = { params: Promise<{ code: string }> };

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { code } = await params;
  const data = await loadObservatory("region", code);
  const t = await getTranslations("observatory");
  return {
    title: t("regionTitle", { name: data.name ?? code }),
    description: t("metaDescription"),
    alternates: { canonical: `/observatoire/regions/${code}` },
  };
}

/** The observatory of one région: its own tables, its départements on the map, a page search engines index. */
export default async function RegionObservatoryPage({ params }: Props) {
  const { code } = await params;
  const data = await loadObservatory("region", code);
  const t = await getTranslations("observatory");
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{t("regionTitle", { name: data.name ?? code })}</h1>
      <ObservatoryView data={data} />
    </div>
  );
}
