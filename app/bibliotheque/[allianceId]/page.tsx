import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { cache } from "react";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { PublicAllianceFacts } from "@/components/library/alliance-card";
import { serverCaller } from "@/server/trpc/server-caller";

type Props = { params: Promise<{ allianceId: string }> };

export const dynamic = "force-dynamic";

const load = cache(async (id: string) => (await serverCaller()).library.get({ id }));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const alliance = await load((await params).allianceId);
  if (!alliance) return { title: (await getTranslations("library"))("notPublished"), robots: { index: false } };
  const description = (
    alliance.summary ??
    alliance.parties.flatMap((p) => (p.standing === "confirmed" && p.name ? [p.name] : [])).join(", ")
  ).slice(0, 200);
  return { title: alliance.title, description, openGraph: { title: alliance.title, description, type: "article" } };
}

/** One published alliance, public fields only; gone (404) as soon as any party withdraws it. */
export default async function PublicAlliancePage({ params }: Props) {
  const alliance = await load((await params).allianceId);
  if (!alliance) notFound();
  const t = await getTranslations("library");
  const { placeLabels } = allianceFormOptions(alliance.places.map((p) => p.code));
  return (
    <article className="space-y-5">
      <p className="text-sm">
        <Link href="/bibliotheque">{t("back")}</Link>
      </p>
      <h1 className="text-2xl font-bold">{alliance.title}</h1>
      {alliance.summary ? <p className="max-w-3xl whitespace-pre-line text-slate-800">{alliance.summary}</p> : null}
      <PublicAllianceFacts alliance={alliance} placeLabels={placeLabels} full />
      {alliance.keyResults ? (
        <section aria-labelledby="results-title" className="space-y-1">
          <h2 id="results-title" className="text-xl font-semibold">
            {t("results")}
          </h2>
          <p className="max-w-3xl whitespace-pre-line">{alliance.keyResults}</p>
        </section>
      ) : null}
    </article>
  );
}
