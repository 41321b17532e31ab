"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { Notice } from "@/components/ui/notice";

/** Opens an evaluation cycle for a period, with a due date; then goes to the cycle's page. */
export function OpenCycleForm({ workspaceSlug, allianceId }: { workspaceSlug: string; allianceId: string }) {
  const t = useTranslations("evaluation");
  const trpc = useTRPC();
  const router = useRouter();
  const [period, setPeriod] = useState(() => String(new Date().getFullYear()));
  // A month from today by default.
  const [dueOn, setDueOn] = useState(() => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
  const open = useMutation(
    trpc.evaluation.openCycle.mutationOptions({
      onSuccess: (cycle) => router.push(`/w/${workspaceSlug}/alliances/${allianceId}/evaluations/${cycle.id}`),
    }),
  );
  const errors = useMutationErrors(open.error);
  return (
    <form
      noValidate
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        open.mutate({ workspaceSlug, allianceId, period, dueOn });
      }}
    >
      <TextField
        id="cycle-period"
        label={t("period")}
        value={period}
        onChange={(e) => setPeriod(e.target.value)}
        error={errors.fields.period}
      />
      <TextField
        id="cycle-due"
        type="date"
        label={t("dueOn")}
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
        error={errors.fields.dueOn}
      />
      <Button type="submit" disabled={open.isPending}>
        {t("open")}
      </Button>
      <InlineFeedback error={errors.fields.period || errors.fields.dueOn ? undefined : errors.message} />
    </form>
  );
}

/**
 * This workspace's answers to a cycle: for each question a 1–5 score (a radio group), a
 * justification and optional evidence links. Sent once, all together.
 */
export function AnswerForm({
  workspaceSlug,
  cycleId,
  questions,
}: {
  workspaceSlug: string;
  cycleId: string;
  questions: Array<{ key: string; text: string; dimension: string }>;
}) {
  const t = useTranslations("evaluation");
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<
    Record<string, { score: number | null; justification: string; evidence: string }>
  >(() => Object.fromEntries(questions.map((q) => [q.key, { score: null, justification: "", evidence: "" }])));
  const submit = useMutation(trpc.evaluation.submitAnswers.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(submit.error);
  const [missing, setMissing] = useState<string[]>([]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const gaps = questions
      .filter((q) => values[q.key]!.score === null || !values[q.key]!.justification.trim())
      .map((q) => q.key);
    setMissing(gaps);
    if (gaps.length) return;
    submit.mutate({
      workspaceSlug,
      cycleId,
      answers: questions.map((q) => ({
        questionKey: q.key,
        score: values[q.key]!.score!,
        justification: values[q.key]!.justification,
        evidence: values[q.key]!.evidence.split(/\s+/).filter(Boolean),
      })),
    });
  };
  const set = (key: string, patch: Partial<{ score: number | null; justification: string; evidence: string }>) =>
    setValues((v) => ({ ...v, [key]: { ...v[key]!, ...patch } }));
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" data-testid="answer-form">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      {missing.length ? <Notice tone="error">{t("missingAnswers", { count: missing.length })}</Notice> : null}
      <p className="text-sm text-slate-700">{t("scale")}</p>
      {questions.map((q, i) => {
        const value = values[q.key]!;
        const invalid = missing.includes(q.key);
        return (
          <fieldset
            key={q.key}
            className="space-y-2 rounded-md border border-slate-300 bg-white p-4"
            aria-invalid={invalid || undefined}
          >
            <legend className="px-1 font-medium">
              {i + 1}. {q.text} <span className="text-sm font-normal text-slate-700">({q.dimension})</span>
            </legend>
            <div role="radiogroup" aria-label={`${t("score")} — ${q.text}`} className="flex flex-wrap gap-3">
              {[1, 2, 3, 4, 5].map((n) => (
                <label key={n} className="flex items-center gap-1">
                  <input
                    type="radio"
                    name={`score-${q.key}`}
                    value={n}
                    checked={value.score === n}
                    onChange={() => set(q.key, { score: n })}
                    className="h-4 w-4"
                  />
                  {n}
                </label>
              ))}
            </div>
            <TextAreaField
              id={`just-${q.key}`}
              label={`${t("justification")} (${i + 1})`}
              value={value.justification}
              onChange={(e) => set(q.key, { justification: e.target.value })}
              rows={2}
              error={invalid && !value.justification.trim() ? t("justificationNeeded") : undefined}
            />
            <TextAreaField
              id={`evidence-${q.key}`}
              label={`${t("evidence")} (${i + 1})`}
              value={value.evidence}
              onChange={(e) => set(q.key, { evidence: e.target.value })}
              rows={1}
            />
          </fieldset>
        );
      })}
      <Button type="submit" disabled={submit.isPending}>
        {t("submit")}
      </Button>
    </form>
  );
}

/** Closes a cycle whose due date has come, without waiting for the parties that did not answer. */
export function CloseCycleButton({ workspaceSlug, cycleId }: { workspaceSlug: string; cycleId: string }) {
  const t = useTranslations("evaluation");
  const trpc = useTRPC();
  const router = useRouter();
  const close = useMutation(trpc.evaluation.closeCycle.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(close.error);
  return (
    <div className="space-y-1">
      <p className="text-sm">{t("closeHelp")}</p>
      <Button variant="secondary" onClick={() => close.mutate({ workspaceSlug, cycleId })} disabled={close.isPending}>
        {t("close")}
      </Button>
      <InlineFeedback error={errors.message} />
    </div>
  );
}
