import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { formatDate } from "@/domain/dates";
import Link from "next/link";
import { SdgBadge } from "@/components/alliances/sdg-badge";
import { labelOf } from "@/messages/labels";

export interface PublicAlliance {
  id: string;
  title: string;
  summary: string | null;
  keyResults: string | null;
  startsOn: string | null;
  endsOn: string | null;
  territoryScope: string;
  mode: string | null;
  parties: Array<{
    name: string | null;
    kind: string;
    role: string;
    standing: "confirmed" | "declared" | "unverified";
    declaredBy: string | null;
  }>;
  sdgTargets: Array<{ target: string; goal: number; isPrimary: boolean }>;
  places: Array<{ level: string; code: string }>;
}

/** The public facts of a published alliance: parties, mode, period, territory, SDGs, key results. */
export async function PublicAllianceFacts({
  alliance,
  placeLabels,
  full,
}: {
  alliance: PublicAlliance;
  placeLabels: Record<string, string>;
  full?: boolean;
}) {
  const t = await getTranslations();
  const locale = await getLocale();
  const date = (iso: string) => formatDate(new Date(iso), locale, { dateStyle: "medium" });
  const goals = [...new Set(alliance.sdgTargets.map((s) => s.goal))];
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
      <dt className="font-medium">{t("library.parties")}</dt>
      <dd>
        <ul data-testid="library-parties">
          {alliance.parties.map((p, i) => {
            const kind = labelOf(t, "alliance.organisationKinds", p.kind);
            return (
              <li key={`${p.name ?? "?"}-${i}`}>
                {p.standing === "unverified" ? (
                  <>{t("library.unverifiedParty", { kind })}</>
                ) : (
                  <>
                    {p.name} ({kind})
                    {p.standing === "declared" ? (
                      <span className="text-slate-700">
                        {" "}
                        —{" "}
                        {p.declaredBy
                          ? t("library.declaredBy", { names: p.declaredBy })
                          : t("library.declaredByUnverified")}
                      </span>
                    ) : null}
                  </>
                )}
              </li>
            );
          })}
        </ul>
      </dd>
      <dt className="font-medium">{t("library.mode")}</dt>
      <dd>{alliance.mode ? labelOf(t, "alliance.modes", alliance.mode) : "—"}</dd>
      <dt className="font-medium">{t("library.period")}</dt>
      <dd>
        {alliance.startsOn
          ? alliance.endsOn
            ? t("alliances.detail.between", { from: date(alliance.startsOn), to: date(alliance.endsOn) })
            : t("alliances.detail.since", { date: date(alliance.startsOn) })
          : t("alliances.detail.noDates")}
      </dd>
      <dt className="font-medium">{t("library.territory")}</dt>
      <dd>
        {labelOf(t, "alliances.scopeLevels", alliance.territoryScope)}
        {alliance.places.length ? ` : ${alliance.places.map((p) => placeLabels[p.code] ?? p.code).join(", ")}` : ""}
      </dd>
      <dt className="font-medium">{t("library.sdg")}</dt>
      <dd className="flex flex-wrap gap-1">
        {goals.length
          ? goals.map((g) => (
              <SdgBadge key={g} goal={g} name={`${t("sdg.goal", { number: g })} ${labelOf(t, "sdg.goals", g)}`} />
            ))
          : "—"}
      </dd>
      {full && alliance.sdgTargets.length ? (
        <>
          <dt className="sr-only">{t("library.sdg")}</dt>
          <dd className="col-span-2">
            <ul>
              {alliance.sdgTargets.map((s) => (
                <li key={s.target}>
                  <span className="font-mono">{s.target}</span> — {labelOf(t, "sdg.targets", s.target)}
                </li>
              ))}
            </ul>
          </dd>
        </>
      ) : null}
    </dl>
  );
}

export async function PublicAllianceCard({
  alliance,
  placeLabels,
  heading: Heading = "h2",
}: {
  alliance: PublicAlliance;
  placeLabels: Record<string, string>;
  heading?: "h2" | "h3";
}) {
  const t = await getTranslations("library");
  return (
    <article
      className="space-y-2 rounded-md border border-slate-300 bg-white p-4"
      aria-labelledby={`pa-${alliance.id}`}
    >
      <Heading id={`pa-${alliance.id}`} className="text-lg font-semibold">
        <Link href={`/bibliotheque/${alliance.id}`}>{alliance.title}</Link>
      </Heading>
      {alliance.summary ? <p className="line-clamp-3 text-slate-800">{alliance.summary}</p> : null}
      <PublicAllianceFacts alliance={alliance} placeLabels={placeLabels} />
      {alliance.keyResults ? (
        <p className="text-sm">
          <span className="font-medium">{t("results")} : </span>
          {alliance.keyResults}
        </p>
      ) : null}
    </article>
  );
}
