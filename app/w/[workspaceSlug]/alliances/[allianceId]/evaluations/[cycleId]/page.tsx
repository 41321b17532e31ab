import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getFormatter, getTranslations } from "@/server/i18n/server-translations";
import { z } from "zod";
import { AnswerForm, CloseCycleButton } from "@/components/evaluation/cycle-forms";
import { can } from "@/domain/roles";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { labelOf } from "@/messages/labels";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = { params: Promise<{ workspaceSlug: string; allianceId: string; cycleId: string }> };

async function load({ params }: Params) {
  const { workspaceSlug, allianceId, cycleId } = await params;
  if (!z.uuid().safeParse(cycleId).success || !z.uuid().safeParse(allianceId).success) notFound();
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const cycle = await readOrNotFound(() => caller.evaluation.cycle({ workspaceSlug, cycleId }));
  if (cycle.allianceId !== allianceId) notFound();
  const alliance = await readOrNotFound(() => caller.alliances.get({ workspaceSlug, id: allianceId }));
  return { workspaceSlug, workspace, cycle, alliance };
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  const { cycle, alliance } = await load(props);
  const t = await getTranslations("evaluation");
  return { title: `${t("cycleTitle", { period: cycle.period })} · ${alliance.title}` };
}

/**
 * One evaluation cycle: who answered; this workspace's answer form while it is expected to
 * answer; once closed, every party's scores side by side with the averages and perception gaps.
 */
export default async function CyclePage(props: Params) {
  const { workspaceSlug, workspace, cycle, alliance } = await load(props);
  const t = await getTranslations();
  const format = await getFormatter();
  const locale = await getLocale();
  const date = (iso: string) => formatDate(new Date(iso), locale, { dateStyle: "long" });
  const questionText = (q: { key: string; label: string | null }) =>
    q.label ?? labelOf(t, "evaluation.questions", q.key);
  const canWrite = can(workspace.myRole, "alliances.write");
  const today = new Date().toISOString().slice(0, 10);
  const flagged = cycle.results?.gaps.filter((g) => g.flagged).length ?? 0;
  return (
    <ScopedMessages scope="evaluationCycle">
      <article className="space-y-6">
        <p className="text-sm">
          <Link href={`/w/${workspaceSlug}/alliances/${alliance.id}`}>{alliance.title}</Link>
        </p>
        <header className="space-y-1">
          <h1 className="text-2xl font-bold">{t("evaluation.cycleTitle", { period: cycle.period })}</h1>
          <p>
            {cycle.status === "open" ? t("evaluation.statusOpen") : t("evaluation.statusClosed")} ·{" "}
            {t("evaluation.due", { date: date(cycle.dueOn) })}
          </p>
        </header>

        <section aria-labelledby="participants-title" className="space-y-2">
          <h2 id="participants-title" className="text-xl font-semibold">
            {t("evaluation.participants")}
          </h2>
          <ul data-testid="cycle-participants">
            {cycle.parties.map((p) => (
              <li key={p.name}>
                {p.name} : {t(`evaluation.participant.${p.status}`)}
              </li>
            ))}
          </ul>
        </section>

        {cycle.status === "open" ? (
          cycle.myStatus === "pending" ? (
            canWrite ? (
              <section aria-labelledby="answer-title" className="space-y-3">
                <h2 id="answer-title" className="text-xl font-semibold">
                  {t("evaluation.submit")}
                </h2>
                <p className="text-sm text-slate-800">{t("evaluation.hiddenUntilClosed")}</p>
                <AnswerForm
                  workspaceSlug={workspaceSlug}
                  cycleId={cycle.id}
                  questions={cycle.questions.map((q) => ({
                    key: q.key,
                    text: questionText(q),
                    dimension: t(`evaluation.dimensions.${q.dimension}`),
                  }))}
                />
              </section>
            ) : (
              <p>{t("evaluation.hiddenUntilClosed")}</p>
            )
          ) : cycle.myStatus === "answered" ? (
            <p role="status" data-testid="waiting-others">
              {t("evaluation.waitingOthers")}
            </p>
          ) : (
            <p>{t("evaluation.notParticipant")}</p>
          )
        ) : null}

        {cycle.status === "open" && canWrite && cycle.dueOn <= today ? (
          <CloseCycleButton workspaceSlug={workspaceSlug} cycleId={cycle.id} />
        ) : null}

        {cycle.results ? (
          <section aria-labelledby="results-title" className="space-y-4">
            <h2 id="results-title" className="text-xl font-semibold">
              {t("evaluation.results")}
            </h2>
            {flagged > 0 ? (
              <p className="font-medium text-red-800" data-testid="gaps-flagged">
                {t("evaluation.gapsFlagged", { count: flagged })}
              </p>
            ) : null}
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm" data-testid="cycle-results">
                <caption className="sr-only">{t("evaluation.results")}</caption>
                <thead>
                  <tr className="border-b border-slate-400">
                    <th scope="col" className="py-2 pr-4">
                      {t("evaluation.question")}
                    </th>
                    {cycle.parties.map((p) => (
                      <th key={p.name} scope="col" className="py-2 pr-4">
                        {p.name}
                      </th>
                    ))}
                    <th scope="col" className="py-2 pr-4">
                      {t("evaluation.gap")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {cycle.questions.map((q) => {
                    const gap = cycle.results!.gaps.find((g) => g.key === q.key)!;
                    return (
                      <tr key={q.key} className={`border-b border-slate-200 ${gap.flagged ? "bg-red-50" : ""}`}>
                        <th scope="row" className="py-2 pr-4 font-normal">
                          {questionText(q)}
                          <span className="block text-xs text-slate-700">
                            {t(`evaluation.dimensions.${q.dimension}`)}
                          </span>
                        </th>
                        {cycle.parties.map((p) => {
                          const a = p.answers.find((x) => x.questionKey === q.key);
                          return (
                            <td key={p.name} className="py-2 pr-4 align-top">
                              {a ? (
                                <>
                                  <span className="font-semibold">{a.score}</span>
                                  <span className="block text-xs text-slate-800">{a.justification}</span>
                                  {a.evidence.map((url) => (
                                    <a key={url} href={url} rel="noopener noreferrer" className="block text-xs">
                                      {url}
                                    </a>
                                  ))}
                                </>
                              ) : (
                                t("evaluation.noAnswer")
                              )}
                            </td>
                          );
                        })}
                        <td className="py-2 pr-4 align-top">
                          {gap.flagged ? (
                            <span className="font-semibold text-red-800">
                              {t("evaluation.gapFlag", { gap: gap.gap })}
                            </span>
                          ) : (
                            gap.gap
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <h3 className="font-semibold">{t("evaluation.averages")}</h3>
            <dl className="grid max-w-xl grid-cols-[1fr_max-content] gap-x-6 gap-y-1" data-testid="cycle-averages">
              {Object.entries(cycle.results.averages)
                .filter(([, v]) => v !== null)
                .map(([dimension, value]) => (
                  <div key={dimension} className="contents">
                    <dt>{labelOf(t, "evaluation.dimensions", dimension)}</dt>
                    <dd className="font-semibold">{format.number(value!, { maximumFractionDigits: 2 })} / 5</dd>
                  </div>
                ))}
            </dl>
          </section>
        ) : null}
      </article>
    </ScopedMessages>
  );
}
