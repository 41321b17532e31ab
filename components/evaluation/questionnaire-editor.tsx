"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { QUESTION_DIMENSIONS, type QuestionDimension } from "@/domain/evaluation";

interface Row {
  key: string;
  dimension: QuestionDimension;
  /** The text shown: the default wording until it is edited. */
  text: string;
  /** The default wording, when the question is a default one (so an untouched one stays translatable). */
  defaultText: string | null;
}

/** Rewords, removes or adds the questions of the workspace's evaluation questionnaire. */
export function QuestionnaireEditor({ workspaceSlug, questions }: { workspaceSlug: string; questions: Row[] }) {
  const t = useTranslations("evaluation");
  const trpc = useTRPC();
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(questions);
  const save = useMutation(trpc.evaluation.saveQuestionnaire.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(save.error);
  const payload = (reset: boolean) => ({
    workspaceSlug,
    reset,
    questions: rows.map((r) => ({
      key: r.key,
      dimension: r.dimension,
      label: r.defaultText !== null && r.text === r.defaultText ? null : r.text,
    })),
  });
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(payload(false));
      }}
    >
      <ol className="space-y-3">
        {rows.map((r, i) => (
          <li key={r.key} className="space-y-2 rounded-md border border-slate-300 bg-white p-3">
            <TextAreaField
              id={`q-${r.key}`}
              label={t("questionText", { n: i + 1 })}
              rows={2}
              value={r.text}
              onChange={(e) => setRows(rows.map((x) => (x.key === r.key ? { ...x, text: e.target.value } : x)))}
              error={errors.under(`questions.${i}`)}
            />
            <div className="flex flex-wrap items-end gap-3">
              <SelectField
                id={`qd-${r.key}`}
                label={t("questionDimension", { n: i + 1 })}
                value={r.dimension}
                onChange={(e) =>
                  setRows(
                    rows.map((x) => (x.key === r.key ? { ...x, dimension: e.target.value as QuestionDimension } : x)),
                  )
                }
                options={QUESTION_DIMENSIONS.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))}
              />
              <Button type="button" variant="secondary" onClick={() => setRows(rows.filter((x) => x.key !== r.key))}>
                {t("removeQuestion", { n: i + 1 })}
              </Button>
            </div>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap gap-3">
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            setRows([
              ...rows,
              { key: `q_${Date.now().toString(36)}`, dimension: "performance", text: "", defaultText: null },
            ])
          }
        >
          {t("addQuestion")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {t("saveQuestionnaire")}
        </Button>
        <Button type="button" variant="secondary" onClick={() => save.mutate(payload(true))} disabled={save.isPending}>
          {t("resetQuestionnaire")}
        </Button>
      </div>
      <InlineFeedback error={errors.message} success={save.isSuccess && t("questionnaireSaved")} />
    </form>
  );
}
