import type { Metadata } from "next";
import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { CloseAssessmentButton, MaturityAnswerForm, OpenAssessmentButton } from "@/components/maturity/maturity-forms";
import { MaturityRadar } from "@/components/maturity/radar";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { MATURITY_AXES } from "@/domain/maturity";
import { can } from "@/domain/roles";
import { labelOf } from "@/messages/labels";
import type { Locale } from "@/messages/locales";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Props = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("maturity"))("title") };
}

/** The workspace's SDG maturity: this year's self-assessment, its result on a radar, the history, peers and tools. */
export default async function MaturityPage({ params }: Props) {
  const { workspaceSlug } = await params;
  const locale = (await getLocale()) as Locale;
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const maturity = await readOrNotFound(() => caller.maturity.get({ workspaceSlug, locale }));
  const t = await getTranslations();
  const isAdmin = can(workspace.myRole, "workspace.update");
  const canAnswer = can(workspace.myRole, "alliances.write");
  const axisLabels = Object.fromEntries(MATURITY_AXES.map((axis) => [axis, labelOf(t, "maturity.axes", axis)]));
  const latest = maturity.closed[0] ?? null;
  const describe = (levels: Partial<Record<string, number>>) =>
    MATURITY_AXES.map((axis) => `${axisLabels[axis]} ${levels[axis] ?? "—"}`).join(", ");
  return (
    <ScopedMessages scope="maturity">
      <div className="space-y-8">
        <div className="space-y-2">
          <h1 className="text-2xl font-bold">{t("maturity.title")}</h1>
          <p className="max-w-3xl text-slate-800">{t("maturity.intro")}</p>
          <p className="text-sm text-slate-700">{t("maturity.version", { version: maturity.version })}</p>
        </div>

        {maturity.open ? (
          <Section id="open-title" title={t("maturity.open", { year: maturity.open.year })} testId="maturity-open">
            <p>{t("maturity.contributors", { count: maturity.open.contributors })}</p>
            {canAnswer ? (
              <MaturityAnswerForm
                workspaceSlug={workspaceSlug}
                assessmentId={maturity.open.id}
                mine={maturity.open.mine}
              />
            ) : null}
            {isAdmin ? (
              <CloseAssessmentButton
                workspaceSlug={workspaceSlug}
                assessmentId={maturity.open.id}
                version={maturity.open.version}
              />
            ) : null}
          </Section>
        ) : isAdmin ? (
          <OpenAssessmentButton workspaceSlug={workspaceSlug} year={new Date().getFullYear()} />
        ) : null}

        {latest ? (
          <Section id="result-title" title={t("maturity.result", { year: latest.year })} testId="maturity-result">
            <div className="grid gap-6 md:grid-cols-2">
              <MaturityRadar
                levels={latest.levels}
                peers={maturity.peers}
                labels={axisLabels}
                description={t("maturity.radarLabel", { levels: describe(latest.levels) })}
              />
              <div className="space-y-2 text-sm">
                {maturity.peers ? (
                  <p>
                    {t("maturity.peersIntro", {
                      count: maturity.peerCount,
                      kind: labelOf(t, "workspaceKinds", maturity.kind),
                    })}
                  </p>
                ) : (
                  <p data-testid="peers-hidden">
                    {t("maturity.peersNone", { count: maturity.peerCount, threshold: maturity.threshold })}
                  </p>
                )}
              </div>
            </div>
          </Section>
        ) : null}

        <Section id="history-title" title={t("maturity.history")}>
          {maturity.closed.length === 0 ? (
            <p>{t("maturity.historyNone")}</p>
          ) : (
            <>
              <DataTable
                caption={t("maturity.history")}
                testId="maturity-history"
                rows={[
                  ...maturity.closed,
                  ...(maturity.peers
                    ? [{ id: "peers", year: null, levels: maturity.peers, closedAt: null, version: "" }]
                    : []),
                ]}
                rowKey={(a) => a.id}
                columns={[
                  {
                    key: "year",
                    header: t("maturity.year"),
                    rowHeader: true,
                    cell: (a) => (a.year === null ? t("maturity.peers") : a.year),
                  },
                  ...MATURITY_AXES.map((axis) => ({
                    key: axis,
                    header: axisLabels[axis],
                    className: "tabular-nums",
                    cell: (a: { levels: Partial<Record<string, number | null>> }) =>
                      a.levels[axis] ?? t("maturity.noAnswer"),
                  })),
                ]}
              />
              <p className="flex flex-wrap gap-4">
                <a href={`/w/${workspaceSlug}/maturite/export?format=pdf`} download data-testid="maturity-pdf">
                  {t("maturity.exportPdf")}
                </a>
                <a href={`/w/${workspaceSlug}/maturite/export?format=csv`} download>
                  {t("maturity.exportCsv")}
                </a>
              </p>
            </>
          )}
        </Section>

        {latest ? (
          <Section
            id="weak-title"
            title={t("maturity.weakTitle")}
            intro={t("maturity.weakIntro")}
            testId="maturity-tools"
          >
            {maturity.weak.length === 0 ? (
              <p>{t("maturity.weakNone")}</p>
            ) : (
              <ul className="space-y-4">
                {maturity.weak.map((w) => (
                  <li key={w.axis}>
                    <h3 className="font-semibold">{axisLabels[w.axis]}</h3>
                    <ul className="mt-1 list-disc space-y-1 pl-6">
                      {w.tools.map((tool) => (
                        <li key={tool.id}>
                          <Link href={`/w/${workspaceSlug}/outils/${tool.slug}`}>{tool.title}</Link>
                          <span className="text-sm text-slate-700"> — {tool.summary}</span>
                        </li>
                      ))}
                    </ul>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        ) : null}
      </div>
    </ScopedMessages>
  );
}
