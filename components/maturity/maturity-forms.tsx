"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { MATURITY_AXES, MATURITY_LEVELS } from "@/domain/maturity";
import { labelOf } from "@/messages/labels";

/** Opens this year's self-assessment (admins). */
export function OpenAssessmentButton({ workspaceSlug, year }: { workspaceSlug: string; year: number }) {
  const t = useTranslations("maturity");
  const trpc = useTRPC();
  const router = useRouter();
  const open = useMutation(trpc.maturity.open.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(open.error);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button type="button" disabled={open.isPending} onClick={() => open.mutate({ workspaceSlug })}>
        {t("start", { year })}
      </Button>
      <InlineFeedback error={errors.message} success={open.isSuccess && t("started")} />
    </div>
  );
}

/** The acting member's level on each axis, chosen among the four described levels. */
export function MaturityAnswerForm({
  workspaceSlug,
  assessmentId,
  mine,
}: {
  workspaceSlug: string;
  assessmentId: string;
  mine: Partial<Record<string, number>> | null;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [levels, setLevels] = useState<Partial<Record<string, number>>>(mine ?? {});
  const save = useMutation(trpc.maturity.answer.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ workspaceSlug, assessmentId, levels });
  };
  return (
    <form onSubmit={submit} className="space-y-5" aria-label={t("maturity.yourAnswers")}>
      {MATURITY_AXES.map((axis) => (
        <fieldset key={axis} className="space-y-2 rounded-md border border-slate-300 bg-white p-3">
          <legend className="px-1 font-semibold">{labelOf(t, "maturity.axes", axis)}</legend>
          {MATURITY_LEVELS.map((level) => (
            <label key={level} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name={axis}
                value={level}
                checked={levels[axis] === level}
                onChange={() => setLevels({ ...levels, [axis]: level })}
                className="mt-1"
              />
              <span>
                <span className="font-medium">{t("maturity.level", { level })}</span> —{" "}
                {labelOf(t, "maturity.levels", `${axis}.${level}`)}
              </span>
            </label>
          ))}
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {t("maturity.save")}
        </Button>
        <InlineFeedback error={errors.message} success={save.isSuccess && t("maturity.saved")} />
      </div>
    </form>
  );
}

/** Closes the open self-assessment (admins). */
export function CloseAssessmentButton({
  workspaceSlug,
  assessmentId,
  version,
}: {
  workspaceSlug: string;
  assessmentId: string;
  version: number;
}) {
  const t = useTranslations("maturity");
  const trpc = useTRPC();
  const router = useRouter();
  const close = useMutation(trpc.maturity.close.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(close.error);
  return (
    <div className="space-y-1">
      <p className="text-sm text-slate-700">{t("closeHint")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <Button
          type="button"
          variant="secondary"
          disabled={close.isPending}
          onClick={() => close.mutate({ workspaceSlug, assessmentId, version })}
        >
          {t("close")}
        </Button>
        <InlineFeedback error={errors.message} success={close.isSuccess && t("closed")} />
      </div>
    </div>
  );
}
