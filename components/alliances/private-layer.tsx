"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { parseDecimal } from "@/domain/numbers";

/** The workspace's own notes, owner and tags on an alliance, and its private entries. */
export function PrivateLayerForms({
  workspaceSlug,
  allianceId,
  layer,
}: {
  workspaceSlug: string;
  allianceId: string;
  layer: { notes: string | null; internalOwner: string | null; tags: string[]; version: number };
}) {
  const t = useTranslations("private");
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState({
    notes: layer.notes ?? "",
    internalOwner: layer.internalOwner ?? "",
    tags: layer.tags.join(", "),
  });
  const [entry, setEntry] = useState({
    kind: "timeline" as "timeline" | "budget",
    title: "",
    amount: "",
    occurredOn: new Date().toISOString().slice(0, 10),
  });
  const save = useMutation(trpc.alliances.savePrivateNotes.mutationOptions({ onSuccess: () => router.refresh() }));
  const add = useMutation(
    trpc.alliances.addPrivateEntry.mutationOptions({
      onSuccess: () => {
        setEntry((e) => ({ ...e, title: "", amount: "" }));
        router.refresh();
      },
    }),
  );
  const saveErrors = useMutationErrors(save.error);
  const addErrors = useMutationErrors(add.error);
  const submitNotes = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      workspaceSlug,
      allianceId,
      notes: values.notes || null,
      internalOwner: values.internalOwner || null,
      tags: values.tags
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
      version: save.data?.version ?? layer.version,
    });
  };
  const submitEntry = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({
      workspaceSlug,
      allianceId,
      kind: entry.kind,
      title: entry.title,
      amountEuros: entry.amount.trim() ? (parseDecimal(entry.amount) ?? Number.NaN) : null,
      occurredOn: entry.occurredOn,
    });
  };
  return (
    <div className="space-y-4">
      <form onSubmit={submitNotes} noValidate className="space-y-3">
        {saveErrors.message ? <Notice tone="error">{saveErrors.message}</Notice> : null}
        {save.isSuccess ? <Notice tone="success">{t("saved")}</Notice> : null}
        <TextAreaField
          id="private-notes"
          label={t("notes")}
          value={values.notes}
          onChange={(e) => setValues({ ...values, notes: e.target.value })}
        />
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id="private-owner"
            label={t("owner")}
            value={values.internalOwner}
            onChange={(e) => setValues({ ...values, internalOwner: e.target.value })}
          />
          <TextField
            id="private-tags"
            label={t("tags")}
            value={values.tags}
            onChange={(e) => setValues({ ...values, tags: e.target.value })}
            error={saveErrors.under("tags")}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {t("save")}
        </Button>
      </form>
      <form
        onSubmit={submitEntry}
        noValidate
        className="grid items-end gap-3 rounded-md border border-slate-300 bg-white p-3 sm:grid-cols-5"
      >
        <SelectField
          id="private-kind"
          label={t("kind")}
          value={entry.kind}
          onChange={(e) => setEntry({ ...entry, kind: e.target.value as "timeline" | "budget" })}
          options={(["timeline", "budget"] as const).map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
        />
        <div className="sm:col-span-2">
          <TextField
            id="private-title"
            label={t("entryTitle")}
            value={entry.title}
            onChange={(e) => setEntry({ ...entry, title: e.target.value })}
            error={addErrors.fields.title}
          />
        </div>
        <TextField
          id="private-amount"
          inputMode="decimal"
          label={t("amount")}
          value={entry.amount}
          onChange={(e) => setEntry({ ...entry, amount: e.target.value })}
          error={addErrors.fields.amountEuros}
        />
        <TextField
          id="private-date"
          type="date"
          label={t("date")}
          value={entry.occurredOn}
          onChange={(e) => setEntry({ ...entry, occurredOn: e.target.value })}
          error={addErrors.fields.occurredOn}
        />
        <div className="sm:col-span-5">
          {addErrors.message && !addErrors.fields.title ? <Notice tone="error">{addErrors.message}</Notice> : null}
          <Button type="submit" variant="secondary" disabled={add.isPending}>
            {t("add")}
          </Button>
        </div>
      </form>
    </div>
  );
}
