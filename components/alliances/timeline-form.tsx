"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { useFormDialog } from "@/components/ui/form-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";

const KINDS = ["note", "meeting", "milestone", "document"] as const;

export function TimelineForm({ workspaceSlug, allianceId }: { workspaceSlug: string; allianceId: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useFormDialog();
  const [values, setValues] = useState({
    kind: "meeting" as (typeof KINDS)[number],
    title: "",
    body: "",
    url: "",
    occurredOn: new Date().toISOString().slice(0, 10),
  });
  const add = useMutation(
    trpc.alliances.addTimelineEntry.mutationOptions({
      onSuccess: () => {
        setValues((v) => ({ ...v, title: "", body: "", url: "" }));
        router.refresh();
        dialog?.close(t("alliances.detail.entrySaved"));
      },
    }),
  );
  const errors = useMutationErrors(add.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({ workspaceSlug, allianceId, ...values, body: values.body || null, url: values.url || null });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className={dialog ? "space-y-3" : "space-y-3 rounded-md border border-slate-300 bg-white p-4"}
      aria-labelledby={dialog?.titleId ?? "timeline-title"}
    >
      {dialog ? null : (
        <h3 id="timeline-title" className="font-semibold">
          {t("alliances.detail.addEntry")}
        </h3>
      )}
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          id="t-kind"
          label={t("alliances.detail.kind")}
          value={values.kind}
          onChange={(e) => setValues({ ...values, kind: e.target.value as (typeof KINDS)[number] })}
          options={KINDS.map((k) => ({ value: k, label: t(`alliances.timelineKinds.${k}`) }))}
        />
        <TextField
          id="t-title"
          label={t("alliances.detail.entryTitle")}
          value={values.title}
          onChange={(e) => setValues({ ...values, title: e.target.value })}
          error={errors.fields.title}
        />
        <TextField
          id="t-date"
          type="date"
          label={t("alliances.detail.date")}
          value={values.occurredOn}
          onChange={(e) => setValues({ ...values, occurredOn: e.target.value })}
          error={errors.fields.occurredOn}
        />
        <div className="sm:col-span-2">
          <TextField
            id="t-body"
            label={t("alliances.detail.entryBody")}
            value={values.body}
            onChange={(e) => setValues({ ...values, body: e.target.value })}
          />
        </div>
        <TextField
          id="t-url"
          type="url"
          label={t("alliances.detail.entryUrl")}
          value={values.url}
          onChange={(e) => setValues({ ...values, url: e.target.value })}
          error={errors.fields.url}
        />
      </div>
      <Button type="submit" disabled={add.isPending}>
        {t("alliances.detail.addEntry")}
      </Button>
    </form>
  );
}
