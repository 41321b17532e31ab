"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

export function NotesForm({
  workspaceSlug,
  organisationId,
  notes,
  tags,
  version,
}: {
  workspaceSlug: string;
  organisationId: string;
  notes: string | null;
  tags: string[];
  version: number;
}) {
  const t = useTranslations("organisations");
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState({ notes: notes ?? "", tags: tags.join(", ") });
  const save = useMutation(trpc.organisations.saveNotes.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(save.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      workspaceSlug,
      organisationId,
      notes: values.notes || null,
      tags: values.tags
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
      version,
    });
  };
  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-3">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      {save.isSuccess ? <Notice tone="success">{t("notesSaved")}</Notice> : null}
      <TextAreaField
        id="org-notes"
        label={t("notes")}
        value={values.notes}
        onChange={(e) => setValues({ ...values, notes: e.target.value })}
        error={errors.fields.notes}
      />
      <TextField
        id="org-tags"
        label={t("tags")}
        value={values.tags}
        onChange={(e) => setValues({ ...values, tags: e.target.value })}
        error={errors.under("tags")}
      />
      <Button type="submit" disabled={save.isPending}>
        {t("saveNotes")}
      </Button>
    </form>
  );
}
