"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** The CSR team's narrative for one goal of the year's report, saved with the version it started from. */
export function NarrativeForm({
  workspaceSlug,
  year,
  goal,
  text,
  version,
}: {
  workspaceSlug: string;
  year: number;
  goal: number;
  text: string;
  version: number;
}) {
  const t = useTranslations("report");
  const trpc = useTRPC();
  const router = useRouter();
  const [value, setValue] = useState(text);
  const save = useMutation(trpc.dashboards.saveNarrative.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(save.error);
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ workspaceSlug, year, goal, text: value, version });
      }}
    >
      <TextAreaField
        id={`narrative-${goal}`}
        label={t("narrative", { goal })}
        rows={3}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        error={errors.fields.text}
      />
      <Button type="submit" variant="secondary" disabled={save.isPending}>
        {t("saveNarrative")}
      </Button>
      <InlineFeedback
        error={errors.fields.text ? undefined : errors.message}
        success={save.isSuccess && t("narrativeSaved")}
      />
    </form>
  );
}
