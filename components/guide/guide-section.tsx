import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { formatDate } from "@/domain/dates";
import { labelOf } from "@/messages/labels";
import type { RouterOutputs } from "@/server/trpc/types";
import { GuideAnswerForm } from "./guide-answer-form";

type Guide = RouterOutputs["guide"]["get"];

/**
 * The questioning process on an alliance's page: each stage's questions with the partners'
 * shared answers (who, which organisation, when), their history, and, for those who may write,
 * a field to answer. The alliance's current stage is open; the others open on demand.
 */
export async function GuideSection({
  guide,
  workspaceSlug,
  canWrite,
}: {
  guide: Guide;
  workspaceSlug: string;
  canWrite: boolean;
}) {
  const t = await getTranslations();
  const locale = await getLocale();
  const date = (d: Date) => formatDate(d, locale, { dateStyle: "medium" });
  return (
    <section aria-labelledby="guide-title" className="space-y-4" data-testid="guide">
      <h2 id="guide-title" className="text-xl font-semibold">
        {t("guide.title")}
      </h2>
      <p className="max-w-3xl text-sm text-slate-800">{t("guide.intro")}</p>
      <p className="font-medium" data-testid="guide-progress">
        {t("guide.progress", { answered: guide.answered, total: guide.total })}
      </p>
      <p>
        <a href={`/w/${workspaceSlug}/alliances/${guide.allianceId}/cadrage`} download data-testid="framing-sheet">
          {t("guide.sheet")}
        </a>
      </p>
      {guide.stages.map((stage) => {
        const stageLabel = labelOf(t, "alliance.lifecycle", stage.stage);
        return (
          <details
            key={stage.stage}
            open={stage.stage === guide.currentStage}
            className="rounded-md border border-slate-300 bg-white p-3"
            data-testid={`guide-stage-${stage.stage}`}
          >
            <summary className="cursor-pointer font-semibold">
              {t("guide.stageProgress", { stage: stageLabel, answered: stage.answered, total: stage.total })}
              {stage.stage === guide.currentStage ? (
                <span className="ml-2 text-sm font-normal text-slate-700">({t("guide.current")})</span>
              ) : null}
            </summary>
            <ol className="mt-3 space-y-5">
              {stage.questions.map((q) => {
                const question = q.text ?? labelOf(t, "guide.questions", q.key);
                return (
                  <li key={q.key} className="space-y-2" data-testid={`guide-question-${q.key}`}>
                    <h3 className="font-medium">{question}</h3>
                    {q.latest ? (
                      <div className="rounded bg-slate-50 p-2">
                        <p className="whitespace-pre-line">{q.latest.answer}</p>
                        <p className="mt-1 text-xs text-slate-700">
                          {t("guide.by", {
                            actor: q.latest.actorName,
                            organisation: q.latest.organisationName,
                            date: date(q.latest.createdAt),
                          })}
                        </p>
                      </div>
                    ) : (
                      <p className="text-sm text-slate-700">{t("guide.noAnswer")}</p>
                    )}
                    {q.earlier.length ? (
                      <details className="text-sm">
                        <summary className="cursor-pointer">{t("guide.history", { count: q.earlier.length })}</summary>
                        <ul className="mt-2 space-y-2">
                          {q.earlier.map((a) => (
                            <li key={a.id} className="border-l-2 border-slate-300 pl-2">
                              <p className="whitespace-pre-line">{a.answer}</p>
                              <p className="text-xs text-slate-700">
                                {t("guide.by", {
                                  actor: a.actorName,
                                  organisation: a.organisationName,
                                  date: date(a.createdAt),
                                })}
                              </p>
                            </li>
                          ))}
                        </ul>
                      </details>
                    ) : null}
                    {canWrite ? (
                      <GuideAnswerForm
                        workspaceSlug={workspaceSlug}
                        allianceId={guide.allianceId}
                        stage={stage.stage}
                        questionKey={q.key}
                        basedOn={q.latest?.id ?? null}
                        label={question}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ol>
          </details>
        );
      })}
    </section>
  );
}
