import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { ExportLink } from "@/components/ui/export-link";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";

type Params = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("organisations"))("title") };
}

export default async function OrganisationsPage({ params }: Params) {
  const { workspaceSlug } = await params;
  const t = await getTranslations();
  const organisations = await readOrNotFound(async () => (await serverCaller()).organisations.list({ workspaceSlug }));
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("organisations.title")}</h1>
      <p className="max-w-3xl text-slate-800">{t("organisations.intro")}</p>
      <nav aria-label={t("organisations.exportTitle")} className="flex flex-wrap items-start gap-4 text-sm">
        <span className="font-medium">{t("organisations.exportTitle")} :</span>
        {(["csv", "xlsx"] as const).map((f) => (
          <ExportLink
            key={f}
            href={`/w/${workspaceSlug}/organisations/export?format=${f}`}
            label={t(`organisations.export.${f}`)}
            job={{ workspaceSlug, kind: "organisations", format: f }}
          />
        ))}
      </nav>
      {organisations.length === 0 ? (
        <p>{t("organisations.empty")}</p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" data-testid="organisations">
          {organisations.map((o) => (
            <li key={o.id} className="rounded-md border border-slate-300 bg-white p-3">
              <Link href={`/w/${workspaceSlug}/organisations/${o.id}`} className="font-semibold">
                {o.name}
              </Link>
              <p className="text-sm text-slate-700">
                {t(`alliance.organisationKinds.${o.kind}`)} · {t("organisations.allianceCount", { count: o.alliances })}
                {o.tags?.length ? ` · ${o.tags.join(", ")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
