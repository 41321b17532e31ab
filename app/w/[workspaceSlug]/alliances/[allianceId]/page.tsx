import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getFormatter, getTranslations } from "@/server/i18n/server-translations";
import { cache, type ReactNode } from "react";
import { z } from "zod";
import { AllianceActions } from "@/components/alliances/alliance-actions";
import { AudiencePanel } from "@/components/alliances/audience-panel";
import { IndicatorCard } from "@/components/evaluation/indicator-card";
import { AddIndicatorForm } from "@/components/evaluation/indicator-forms";
import { EvaluationLight } from "@/components/evaluation/status-light";
import { ALLIANCE_SECTIONS, partyShareAction, partyStanding, type AllianceSection } from "@/domain/alliances";
import { SdgClaimsForm } from "@/components/alliances/sdg-claims-form";
import { LeaveAllianceButton, PartyShareAction } from "@/components/alliances/co-ownership";
import { PrivateLayerForms } from "@/components/alliances/private-layer";
import { ContributionForm, OpenCycleForm, TimelineForm } from "@/components/alliances/dialog-forms";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { SdgBadge } from "@/components/alliances/sdg-badge";
import { FormDialog } from "@/components/ui/form-dialog";
import { DataTable } from "@/components/ui/data-table";
import { DescriptionList } from "@/components/ui/description-list";
import { Section } from "@/components/ui/section";
import { SectionTabs, type Section as TabSection } from "@/components/ui/section-tabs";
import { can } from "@/domain/roles";
import { featureHref } from "@/domain/toolbox";
import { GuideSection } from "@/components/guide/guide-section";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { labelOf } from "@/messages/labels";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = {
  params: Promise<{ workspaceSlug: string; allianceId: string }>;
  searchParams?: Promise<Record<string, string | string[] | undefined>>;
};

// One read for the metadata and the page alike (React dedupes it within a request): the
// workspace, then what the chosen section shows of the alliance in one procedure call.
const load = cache(async (workspaceSlug: string, allianceId: string, section: AllianceSection) => {
  if (!z.uuid().safeParse(allianceId).success) notFound();
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const view = await readOrNotFound(() => caller.alliances.view({ workspaceSlug, id: allianceId, section }));
  return { workspace, view };
});

/** The section the URL names, or the first. */
async function sectionOf(searchParams: Params["searchParams"]): Promise<AllianceSection> {
  const requested = (await searchParams)?.section;
  return typeof requested === "string" && (ALLIANCE_SECTIONS as readonly string[]).includes(requested)
    ? (requested as AllianceSection)
    : ALLIANCE_SECTIONS[0];
}

export async function generateMetadata({ params, searchParams }: Params): Promise<Metadata> {
  const { workspaceSlug, allianceId } = await params;
  return { title: (await load(workspaceSlug, allianceId, await sectionOf(searchParams))).view.alliance.title };
}

export default async function AlliancePage({ params, searchParams }: Params) {
  const { workspaceSlug, allianceId } = await params;
  // Only this section is rendered (the others come when their tab is chosen), and only its reads made.
  const initial = await sectionOf(searchParams);
  const { workspace, view } = await load(workspaceSlug, allianceId, initial);
  const { alliance, cycles, light, nextDue } = view;
  const openCycle = cycles.find((c) => c.status === "open");
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const date = (iso: string) => formatDate(new Date(iso), locale, { dateStyle: "medium" });
  const euros = (cents: number) => format.number(cents / 100, { style: "currency", currency: "EUR" });
  const places = allianceFormOptions(alliance.territories.map((p) => p.code)).placeLabels;
  const canWrite = can(workspace.myRole, "alliances.write");
  const partyName = new Map(alliance.parties.map((p) => [p.id, p.name]));
  const base = `/w/${workspaceSlug}/alliances`;
  const listLabel = (prefix: string, entries: Array<{ key: string; label: string | null }>, key: string) =>
    entries.find((e) => e.key === key)?.label ?? labelOf(t, prefix, key);
  const partners = alliance.parties.filter((p) => !p.isMine);
  const primaryTargets = alliance.sdgTargets.filter((s) => s.isPrimary);
  const today = new Date().toISOString().slice(0, 10);
  const closedCycles = cycles.filter((c) => c.status === "closed");

  return (
    <ScopedMessages scope="alliance">
      <article className="space-y-6">
        <header className="space-y-3">
          <p className="text-sm">
            <Link href={base}>{t("alliances.title")}</Link>
          </p>
          <h1 className="text-2xl font-bold">{alliance.title}</h1>
          {alliance.archivedAt ? (
            <p className="font-medium text-amber-900">
              {t("alliances.archived", { date: formatDate(alliance.archivedAt, locale, { dateStyle: "medium" }) })}
            </p>
          ) : null}
          <dl
            className="grid gap-x-6 gap-y-3 rounded-md border border-slate-300 bg-white p-4 sm:grid-cols-2 lg:grid-cols-4"
            aria-label={t("alliances.header.summary")}
            data-testid="alliance-glance"
          >
            <div>
              <dt className="text-sm text-slate-700">{t("alliances.header.stage")}</dt>
              <dd className="font-medium">{t(`alliance.lifecycle.${alliance.stage}`)}</dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{t("alliances.header.mode")}</dt>
              <dd className="font-medium">
                {alliance.currentMode ? t(`alliance.modes.${alliance.currentMode}`) : "—"}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{t("alliances.header.light")}</dt>
              <dd className="font-medium" data-testid="evaluation-light-header">
                <EvaluationLight light={light} />
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{t("alliances.header.nextDue")}</dt>
              <dd className="font-medium" data-testid="next-due">
                {nextDue.kind === "cycle" && openCycle ? (
                  <Link href={`${base}/${alliance.id}/evaluations/${openCycle.id}`}>
                    {t("alliances.header.dueCycle", { period: openCycle.period, date: date(nextDue.on) })}
                  </Link>
                ) : nextDue.on < today ? (
                  <span className="text-red-800">
                    {t("alliances.header.overdueEvaluation", { date: date(nextDue.on) })}
                  </span>
                ) : (
                  t("alliances.header.dueEvaluation", { date: date(nextDue.on) })
                )}
              </dd>
            </div>
            <div className="sm:col-span-2">
              <dt className="text-sm text-slate-700">{t("alliances.header.partners")}</dt>
              <dd data-testid="glance-partners">
                {partners.length === 0 ? (
                  t("alliances.header.noPartner")
                ) : (
                  <ul className="flex flex-wrap gap-x-3 gap-y-1">
                    {partners.map((p) => (
                      <li key={p.id}>
                        <span className="font-medium">{p.name}</span>
                        {p.hasWorkspace && p.status === "accepted" ? (
                          p.isVerified ? (
                            <span className="ml-1 rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-950">
                              ✓ {t("alliances.header.verified")}
                            </span>
                          ) : (
                            <span className="ml-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950">
                              {t("verification.unverified")}
                            </span>
                          )
                        ) : null}
                      </li>
                    ))}
                  </ul>
                )}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{t("alliances.header.primaryTargets")}</dt>
              <dd className="flex flex-wrap items-center gap-1">
                {primaryTargets.length === 0
                  ? t("alliances.header.noTarget")
                  : primaryTargets.map((s) => (
                      <span key={s.target} className="inline-flex items-center gap-1">
                        <SdgBadge
                          goal={s.goal}
                          name={`${t("sdg.goal", { number: s.goal })} ${labelOf(t, "sdg.goals", s.goal)}`}
                          primary
                        />
                        <span className="font-mono">{s.target}</span>
                      </span>
                    ))}
              </dd>
            </div>
            <div>
              <dt className="text-sm text-slate-700">{t("alliances.header.totalValued")}</dt>
              <dd className="font-medium" data-testid="glance-total">
                {alliance.contributions.length ? euros(alliance.totals.total) : t("alliances.header.nothingValued")}
              </dd>
            </div>
          </dl>
          {canWrite ? (
            <div className="flex flex-wrap items-center gap-3">
              <Link href={`${base}/${alliance.id}/edit`} className="btn btn-primary">
                {t("alliances.edit")}
              </Link>
              <AllianceActions
                workspaceSlug={workspaceSlug}
                id={alliance.id}
                archived={Boolean(alliance.archivedAt)}
                canDelete={can(workspace.myRole, "alliances.delete")}
              />
              {can(workspace.myRole, "alliances.share") &&
              alliance.parties.some((p) => !p.isMine && p.hasWorkspace && p.status === "accepted") ? (
                <LeaveAllianceButton workspaceSlug={workspaceSlug} allianceId={alliance.id} />
              ) : null}
            </div>
          ) : null}
        </header>
        <SectionTabs
          label={t("alliances.sections.label")}
          initial={initial}
          loadingLabel={t("app.loading")}
          sections={withContentOf(initial, [
            {
              id: "apercu",
              label: t("alliances.sections.apercu"),
              render: () => {
                const suggestions = readFor(view.suggestions, "suggestions");
                return (
                  <>
                    {alliance.summary ? (
                      <p className="max-w-3xl whitespace-pre-line text-slate-800">{alliance.summary}</p>
                    ) : null}
                    {alliance.keyResults ? (
                      <div className="max-w-3xl">
                        <h2 className="font-semibold">{t("alliances.detail.keyResults")}</h2>
                        <p className="whitespace-pre-line text-slate-800" data-testid="alliance-key-results">
                          {alliance.keyResults}
                        </p>
                      </div>
                    ) : null}
                    <DescriptionList
                      testId="alliance-facts"
                      items={[
                        {
                          term: t("alliances.detail.dates"),
                          detail: alliance.startsOn
                            ? alliance.endsOn
                              ? t("alliances.detail.between", {
                                  from: date(alliance.startsOn),
                                  to: date(alliance.endsOn),
                                })
                              : t("alliances.detail.since", { date: date(alliance.startsOn) })
                            : t("alliances.detail.noDates"),
                        },
                        {
                          term: t("alliances.fields.territory"),
                          detail: (
                            <>
                              {t(`alliances.scopeLevels.${alliance.territoryScope}`)}
                              {alliance.territories.length
                                ? ` : ${alliance.territories.map((p) => places[p.code] ?? p.code).join(", ")}`
                                : ""}
                            </>
                          ),
                          testId: "alliance-territory",
                        },
                        {
                          term: t("alliances.fields.entryDoors"),
                          detail: alliance.entryDoors.length
                            ? alliance.entryDoors.map((d) => labelOf(t, "alliance.entryDoors", d)).join(", ")
                            : t("alliances.detail.none"),
                        },
                        {
                          term: t("alliances.fields.engagements"),
                          detail: alliance.engagements.length
                            ? alliance.engagements
                                .map(
                                  (e) =>
                                    `${listLabel("alliance.engagementSchemes", workspace.lists.engagementSchemes, e.scheme)} (${e.employees == null ? t("alliances.detail.engagementUnknown", { hours: e.hours ?? "—" }) : t("alliances.detail.engagementLine", { employees: e.employees, hours: e.hours ?? "—" })})`,
                                )
                                .join(" ; ")
                            : t("alliances.detail.none"),
                        },
                        {
                          term: t("alliances.detail.tags"),
                          detail: alliance.tags.length ? alliance.tags.join(", ") : t("alliances.detail.none"),
                        },
                      ]}
                    />
                    <Section id="trajectory-title" title={t("alliances.detail.trajectory")} className="space-y-2">
                      <ol className="space-y-1" data-testid="alliance-trajectory">
                        {alliance.modes.map((m, i) => (
                          <li key={i}>
                            <span className="font-medium">{t(`alliance.modes.${m.mode}`)}</span>
                            {m.mecenatForms.length
                              ? ` (${m.mecenatForms.map((f) => labelOf(t, "alliance.mecenatForms", f)).join(", ")})`
                              : ""}{" "}
                            —{" "}
                            {m.endsOn
                              ? t("alliances.detail.between", { from: date(m.startsOn), to: date(m.endsOn) })
                              : t("alliances.detail.since", { date: date(m.startsOn) })}
                          </li>
                        ))}
                      </ol>
                    </Section>
                    <Section id="sdg-title" title={t("alliances.fields.sdg")} className="space-y-2">
                      {alliance.sdgTargets.length === 0 ? (
                        <p>{t("alliances.detail.none")}</p>
                      ) : (
                        <ul className="space-y-1" data-testid="alliance-sdg">
                          {alliance.sdgTargets.map((s) => (
                            <li key={s.target} className="flex items-center gap-2">
                              <SdgBadge
                                goal={s.goal}
                                name={`${t("sdg.goal", { number: s.goal })} ${labelOf(t, "sdg.goals", s.goal)}`}
                                primary={s.isPrimary}
                              />
                              <span>
                                <span className="font-mono">{s.target}</span> — {labelOf(t, "sdg.targets", s.target)}
                                {s.isPrimary ? ` (${t("alliances.detail.primary")})` : ""}
                              </span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </Section>
                    <Section
                      id="tools-title"
                      title={t("tools.suggestionsTitle")}
                      intro={t("tools.suggestionsIntro")}
                      testId="stage-tools"
                    >
                      {suggestions.length === 0 ? (
                        <p>{t("tools.suggestionsNone")}</p>
                      ) : (
                        <ul className="grid gap-3 sm:grid-cols-2">
                          {suggestions.map((tool) => (
                            <li key={tool.id} className="rounded-md border border-slate-300 bg-white p-3">
                              <Link
                                href={
                                  tool.feature
                                    ? featureHref(tool.feature, { workspaceSlug, allianceId })
                                    : `/w/${workspaceSlug}/outils/${tool.slug}`
                                }
                                className="font-medium"
                              >
                                {tool.title}
                              </Link>
                              <p className="mt-1 text-xs text-slate-700">
                                {labelOf(t, "alliance.entryDoors", tool.door)} · {labelOf(t, "tools.kinds", tool.kind)}
                              </p>
                              <p className="mt-1 text-sm text-slate-800">{tool.summary}</p>
                            </li>
                          ))}
                        </ul>
                      )}
                      <p>
                        <Link href={`/w/${workspaceSlug}/outils`}>{t("tools.seeAll")}</Link>
                      </p>
                    </Section>
                  </>
                );
              },
            },
            {
              id: "cadrage",
              label: t("guide.tab"),
              badge: `${view.guideProgress.answered}/${view.guideProgress.total}`,
              render: () => (
                <GuideSection guide={readFor(view.guide, "guide")} workspaceSlug={workspaceSlug} canWrite={canWrite} />
              ),
            },
            {
              id: "contributions",
              label: t("alliances.sections.contributions"),
              badge: alliance.contributions.length ? String(alliance.contributions.length) : undefined,
              render: () => (
                <>
                  <Section id="ledger-title" title={t("alliances.detail.ledger")}>
                    {alliance.contributions.length === 0 ? (
                      <p>{t("alliances.detail.ledgerEmpty")}</p>
                    ) : (
                      <>
                        <p className="text-lg" data-testid="ledger-total">
                          {t("alliances.detail.total")} :{" "}
                          <span className="font-semibold">{euros(alliance.totals.total)}</span>
                          {alliance.totals.unvalued ? (
                            <span className="text-sm text-slate-700">
                              {" "}
                              · {t("alliances.detail.unvalued", { count: alliance.totals.unvalued })}
                            </span>
                          ) : null}
                        </p>
                        <div className="grid gap-4 sm:grid-cols-3">
                          {(
                            [
                              ["byParty", alliance.totals.byParty, (k: string) => partyName.get(k) ?? k],
                              [
                                "byKind",
                                alliance.totals.byKind,
                                (k: string) => labelOf(t, "alliance.contributionKinds", k),
                              ],
                              ["byYear", alliance.totals.byYear, (k: string) => k],
                            ] as const
                          ).map(([key, totals, label]) => (
                            <div key={key}>
                              <h3 className="font-medium">{t(`alliances.detail.${key}`)}</h3>
                              <ul className="text-sm">
                                {Object.entries(totals).map(([k, cents]) => (
                                  <li key={k}>
                                    {label(k)} : {euros(cents)}
                                  </li>
                                ))}
                              </ul>
                            </div>
                          ))}
                        </div>
                        <DataTable
                          caption={t("alliances.detail.ledger")}
                          rows={alliance.contributions}
                          rowKey={(c) => c.id}
                          columns={[
                            {
                              key: "date",
                              header: t("alliances.detail.date"),
                              cell: (c) => date(c.occurredOn),
                              className: "whitespace-nowrap",
                            },
                            {
                              key: "party",
                              header: t("alliances.detail.party"),
                              cell: (c) => partyName.get(c.partyId),
                            },
                            {
                              key: "kind",
                              header: t("alliances.detail.kind"),
                              cell: (c) => labelOf(t, "alliance.contributionKinds", c.kind),
                            },
                            {
                              key: "quantity",
                              header: t("alliances.detail.quantity"),
                              cell: (c) => `${format.number(c.quantity)} ${labelOf(t, "alliance.units", c.unit)}`,
                            },
                            {
                              key: "value",
                              header: t("alliances.detail.value"),
                              cell: (c) => (c.valueCents === null ? "—" : euros(c.valueCents)),
                            },
                            { key: "note", header: t("alliances.detail.note"), cell: (c) => c.note },
                          ]}
                        />
                      </>
                    )}
                    {canWrite ? (
                      <FormDialog label={t("alliances.detail.addContribution")} testId="add-contribution-button">
                        <ContributionForm
                          workspaceSlug={workspaceSlug}
                          allianceId={alliance.id}
                          parties={alliance.parties
                            .filter((p) => p.isMine || !p.hasWorkspace)
                            .map((p) => ({ id: p.id, name: p.name }))}
                        />
                      </FormDialog>
                    ) : null}
                  </Section>
                </>
              ),
            },
            {
              id: "evaluation",
              label: t("alliances.sections.evaluation"),
              render: () => {
                const indicators = readFor(view.indicators, "indicators");
                const claims = readFor(view.claims, "claims");
                return (
                  <>
                    <Section id="evaluation-title" title={t("evaluation.title")} intro={t("evaluation.intro")}>
                      <p data-testid="evaluation-light">
                        <EvaluationLight light={light} long />
                      </p>
                      {openCycle ? (
                        <p>
                          <Link href={`${base}/${alliance.id}/evaluations/${openCycle.id}`} className="font-medium">
                            {t("evaluation.cycleTitle", { period: openCycle.period })}
                          </Link>{" "}
                          · {t("evaluation.statusOpen")} · {t("evaluation.due", { date: date(openCycle.dueOn) })}
                        </p>
                      ) : canWrite ? (
                        <FormDialog label={t("evaluation.open")} variant="primary" testId="open-cycle-button">
                          <OpenCycleForm workspaceSlug={workspaceSlug} allianceId={alliance.id} />
                        </FormDialog>
                      ) : null}
                      {closedCycles.length ? (
                        <>
                          <h3 className="font-semibold">{t("evaluation.history")}</h3>
                          <ul data-testid="cycles">
                            {closedCycles.map((c) => (
                              <li key={c.id}>
                                <Link href={`${base}/${alliance.id}/evaluations/${c.id}`}>
                                  {t("evaluation.cycleTitle", { period: c.period })}
                                </Link>{" "}
                                · {t("evaluation.statusClosed")}
                                {c.closedAt ? ` · ${formatDate(c.closedAt, locale, { dateStyle: "medium" })}` : ""}
                              </li>
                            ))}
                          </ul>
                        </>
                      ) : !openCycle ? (
                        <p>{t("evaluation.openNone")}</p>
                      ) : null}
                    </Section>
                    <Section id="indicators-title" title={t("indicators.title")} intro={t("indicators.intro")}>
                      {indicators.length === 0 ? <p>{t("indicators.none")}</p> : null}
                      {indicators.map((ind) => (
                        <IndicatorCard
                          key={ind.id}
                          indicator={ind}
                          workspaceSlug={workspaceSlug}
                          allianceId={alliance.id}
                          canWrite={canWrite}
                        />
                      ))}
                      {canWrite ? (
                        <FormDialog
                          label={t("indicators.newIndicator")}
                          title={t("indicators.add")}
                          testId="add-indicator-button"
                        >
                          <AddIndicatorForm
                            workspaceSlug={workspaceSlug}
                            allianceId={alliance.id}
                            sdgTargets={alliance.sdgTargets.map((s) => s.target)}
                          />
                        </FormDialog>
                      ) : null}
                    </Section>
                    <Section
                      id="claims-title"
                      title={t("claims.title")}
                      intro={t("claims.intro")}
                      className="space-y-2"
                    >
                      <SdgClaimsForm
                        workspaceSlug={workspaceSlug}
                        allianceId={alliance.id}
                        claims={claims}
                        canWrite={canWrite}
                      />
                    </Section>
                  </>
                );
              },
            },
            {
              id: "journal",
              label: t("alliances.sections.journal"),
              badge: alliance.timeline.length ? String(alliance.timeline.length) : undefined,
              render: () => (
                <>
                  <Section id="timeline-list-title" title={t("alliances.detail.timeline")}>
                    {alliance.timeline.length === 0 ? (
                      <p>{t("alliances.detail.timelineEmpty")}</p>
                    ) : (
                      <ol className="space-y-2" data-testid="alliance-timeline">
                        {alliance.timeline.map((e) => (
                          <li key={e.id} className="rounded-md border border-slate-200 bg-white p-3">
                            <p>
                              <span className="font-medium">{date(e.occurredOn)}</span> ·{" "}
                              {t(`alliances.timelineKinds.${e.kind}`)} · {e.title}
                            </p>
                            {e.body ? <p className="text-sm">{e.body}</p> : null}
                            {e.url ? (
                              <p className="text-sm">
                                <a href={e.url} rel="noopener noreferrer">
                                  {e.url}
                                </a>
                              </p>
                            ) : null}
                            <p className="text-xs text-slate-700">{e.authorName ?? e.authorEmail ?? ""}</p>
                          </li>
                        ))}
                      </ol>
                    )}
                    {canWrite ? (
                      <FormDialog label={t("alliances.detail.addEntry")} testId="add-entry-button">
                        <TimelineForm workspaceSlug={workspaceSlug} allianceId={alliance.id} />
                      </FormDialog>
                    ) : null}
                  </Section>
                </>
              ),
            },
            {
              id: "partage",
              label: t("alliances.sections.partage"),
              render: () => {
                const audience = readFor(view.audience, "audience");
                return (
                  <>
                    <Section id="parties-title" title={t("alliances.detail.parties")} className="space-y-2">
                      <ul className="space-y-1" data-testid="alliance-parties">
                        {alliance.parties.map((p) => (
                          <li key={p.id}>
                            <Link
                              href={`/w/${workspaceSlug}/organisations/${p.organisationId}`}
                              className="font-medium"
                            >
                              {p.name}
                            </Link>{" "}
                            · {t(`alliance.organisationKinds.${p.kind}`)} ·{" "}
                            {listLabel("alliance.partnerRoles", workspace.lists.partnerRoles, p.role)}
                            {p.siren ? ` · SIREN ${p.siren}` : ""}
                            {p.rna ? ` · RNA ${p.rna}` : ""} ·{" "}
                            <span data-testid={`party-status-${p.id}`} data-standing={partyStanding(p)}>
                              {t(`share.standing.${partyStanding(p)}`, { email: p.invitedEmail ?? "" })}
                            </span>
                            {p.hasWorkspace && !p.isMine && p.status === "accepted" && !p.isVerified ? (
                              <>
                                {" "}
                                <span
                                  className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-950"
                                  data-testid={`party-unverified-${p.id}`}
                                  title={t("verification.unverifiedHelp")}
                                >
                                  {t("verification.unverified")}
                                </span>
                              </>
                            ) : null}
                            {canWrite && !p.isMine && partyShareAction(partyStanding(p), p.organisationHasWorkspace) ? (
                              <>
                                {" "}
                                <PartyShareAction
                                  workspaceSlug={workspaceSlug}
                                  allianceId={alliance.id}
                                  partyId={p.id}
                                  partyName={p.name}
                                  action={partyShareAction(partyStanding(p), p.organisationHasWorkspace)!}
                                  hasWorkspace={p.hasWorkspace}
                                />
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </Section>
                    <Section
                      id="audience-title"
                      title={t("audience.title")}
                      intro={t("audience.intro")}
                      className="space-y-2"
                    >
                      <AudiencePanel
                        workspaceSlug={workspaceSlug}
                        allianceId={alliance.id}
                        audience={audience}
                        canDecide={can(workspace.myRole, "alliances.share")}
                      />
                      {audience.effective === "public" ? (
                        <p>
                          <Link href={`/bibliotheque/${alliance.id}`}>{t("audience.viewInLibrary")}</Link>
                        </p>
                      ) : null}
                    </Section>
                  </>
                );
              },
            },
            {
              id: "prive",
              label: t("alliances.sections.prive"),
              render: () => {
                const privateLayer = readFor(view.privateLayer, "privateLayer");
                return (
                  <>
                    <Section
                      id="private-title"
                      title={t("private.title")}
                      intro={t("private.intro")}
                      className="space-y-3 rounded-md border border-slate-400 bg-slate-100 p-4"
                      testId="private-layer"
                    >
                      {canWrite ? (
                        <PrivateLayerForms
                          workspaceSlug={workspaceSlug}
                          allianceId={alliance.id}
                          layer={privateLayer}
                        />
                      ) : (
                        <div className="space-y-1">
                          <p className="whitespace-pre-line">{privateLayer.notes ?? t("private.none")}</p>
                          {privateLayer.internalOwner ? <p>{privateLayer.internalOwner}</p> : null}
                          {privateLayer.tags.length ? <p>{privateLayer.tags.join(", ")}</p> : null}
                        </div>
                      )}
                      <h3 className="font-semibold">{t("private.entries")}</h3>
                      {privateLayer.entries.length === 0 ? (
                        <p className="text-sm">{t("private.none")}</p>
                      ) : (
                        <>
                          <ul className="space-y-1 text-sm" data-testid="private-entries">
                            {privateLayer.entries.map((e) => (
                              <li key={e.id}>
                                {date(e.occurredOn)} · {t(`private.kinds.${e.kind}`)} · {e.title}
                                {e.amountCents !== null ? ` · ${euros(e.amountCents)}` : ""}
                              </li>
                            ))}
                          </ul>
                          <p className="text-sm">
                            {t("private.budgetTotal")} : {euros(privateLayer.budgetTotalCents)}
                          </p>
                        </>
                      )}
                    </Section>
                  </>
                );
              },
            },
            {
              id: "historique",
              label: t("alliances.sections.historique"),
              render: () => {
                const history = readFor(view.history, "history");
                return (
                  <>
                    <Section id="history-title" title={t("alliances.detail.history")} className="space-y-2">
                      <p className="text-sm text-slate-800">{t("alliances.detail.historyIntro")}</p>
                      <ol className="space-y-1 text-sm" data-testid="alliance-history">
                        {history.map((h) => (
                          <li key={h.id}>
                            {formatDate(h.createdAt, locale, { dateStyle: "short", timeStyle: "short" })} ·{" "}
                            {labelOf(t, "audit.actions", h.action)} ·{" "}
                            {t("alliances.detail.historyBy", { organisation: h.organisationName, actor: h.actorName })}
                          </li>
                        ))}
                      </ol>
                    </Section>
                  </>
                );
              },
            },
          ])}
        />
      </article>
    </ScopedMessages>
  );
}

/** The sections, with the content of the chosen one only: the others are not rendered. */
function withContentOf(
  chosen: string,
  sections: Array<Omit<TabSection, "content"> & { render: () => ReactNode }>,
): TabSection[] {
  return sections.map(({ render, ...s }) => ({ ...s, content: s.id === chosen ? render() : undefined }));
}

/**
 * A part of the page read only for the section that shows it (`alliances.view` with `section`):
 * null elsewhere, where that section's content is not rendered, so meeting null here is a bug.
 */
function readFor<T>(part: T | null, name: string): T {
  if (part === null) throw new Error(`The alliance page rendered a section without reading its ${name}.`);
  return part;
}
