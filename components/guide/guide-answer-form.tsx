"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import type { GuideStage } from "@/domain/guide";

/** This workspace's answer to one question of the questioning process, over the latest it read. */
export function GuideAnswerForm({
  workspaceSlug,
  allianceId,
  stage,
  questionKey,
  basedOn,
  label,
}: {
  workspaceSlug: string;
  allianceId: string;
  stage: GuideStage;
  questionKey: string;
  basedOn: string | null;
  label: string;
}) {
  const t = useTranslations("guide");
  const trpc = useTRPC();
  const router = useRouter();
  const [answer, setAnswer] = useState("");
  const save = useMutation(
    trpc.guide.answer.mutationOptions({
      onSuccess: () => {
        setAnswer("");
        router.refresh();
      },
    }),
  );
  const errors = useMutationErrors(save.error);
  const id = `guide-${stage}-${questionKey}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ workspaceSlug, allianceId, stage, questionKey, answer, basedOn });
  };
  return (
    <form onSubmit={submit} className="space-y-2" aria-label={label}>
      <TextAreaField
        id={id}
        label={t("answer")}
        rows={3}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        error={errors.fields.answer}
      />
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {t("save")}
        </Button>
        <InlineFeedback
          error={errors.fields.answer ? undefined : errors.message}
          success={save.isSuccess && t("saved")}
        />
      </div>
    </form>
  );
}
