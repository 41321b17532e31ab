"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { labelOf } from "@/messages/labels";
import type { RouterOutputs } from "@/server/trpc/types";

type Wording = RouterOutputs["guide"]["wording"];

/** The workspace's own wording of the questioning process, question by question (blank: Maillage's). */
export function GuideWordingForm({ workspaceSlug, wording }: { workspaceSlug: string; wording: Wording }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(
      wording.stages.flatMap((s) => s.questions.map((q) => [`${s.stage}.${q.key}`, q.text ?? ""] as const)),
    ),
  );
  const save = useMutation(trpc.guide.saveWording.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ workspaceSlug, wording: texts, version: wording.version });
  };
  return (
    <form onSubmit={submit} className="space-y-4" aria-label={t("guide.wordingTitle")}>
      {wording.stages.map((s) => (
        <fieldset key={s.stage} className="space-y-2 rounded-md border border-slate-300 p-3">
          <legend className="px-1 font-semibold">{labelOf(t, "alliance.lifecycle", s.stage)}</legend>
          {s.questions.map((q) => {
            const id = `${s.stage}.${q.key}`;
            return (
              <TextField
                key={id}
                id={`wording-${s.stage}-${q.key}`}
                label={labelOf(t, "guide.questions", q.key)}
                value={texts[id] ?? ""}
                onChange={(e) => setTexts({ ...texts, [id]: e.target.value })}
                error={errors.fields[`wording.${id}`]}
              />
            );
          })}
        </fieldset>
      ))}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={save.isPending}>
          {t("guide.wordingSave")}
        </Button>
        <InlineFeedback error={errors.message} success={save.isSuccess && t("guide.wordingSaved")} />
      </div>
    </form>
  );
}
