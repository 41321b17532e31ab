import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { NetworkFilterBar } from "@/components/network/network-filters";
import { NetworkView } from "@/components/network/network-view";
import { territory } from "@/domain/territory-data";
import { NetworkFilters } from "@/server/services/network/schemas";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Props = {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("network"))("territoryTitle") };
}

/** A coordinator's network of the consenting alliances of a région or département of its territories. */
export default async function TerritoryNetworkPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const raw = await searchParams;
  const filters = NetworkFilters.parse(raw);
  const level = raw.level === "region" || raw.level === "departement" ? raw.level : null;
  const code = typeof raw.code === "string" ? raw.code : "";
  const index = territory();
  const name =
    level === "region"
      ? index.regions.get(code)?.name
      : level === "departement"
        ? index.departements.get(code)?.name
        : undefined;
  if (!level || !name) notFound();
  const t = await getTranslations("network");
  return (
    <ScopedMessages scope="territoryNetwork">
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">
          {t("territoryTitle")} — {name}
        </h1>
        <p className="max-w-3xl text-slate-800">{t("territoryIntro")}</p>
        <NetworkFilterBar
          filters={filters}
          resetHref={`/w/${workspaceSlug}/territory/reseau?level=${level}&code=${code}`}
          keep={{ level, code }}
        />
        <NetworkView workspaceSlug={workspaceSlug} source={{ kind: "territory", level, code }} filters={filters} />
      </div>
    </ScopedMessages>
  );
}
