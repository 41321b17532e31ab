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
import { CONTRIBUTION_KINDS } from "@/domain/alliances";
import { parseDecimal } from "@/domain/numbers";

export function ContributionForm({
  workspaceSlug,
  allianceId,
  parties,
}: {
  workspaceSlug: string;
  allianceId: string;
  parties: Array<{ id: string; name: string }>;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useFormDialog();
  const [values, setValues] = useState({
    partyId: parties[0]?.id ?? "",
    kind: "argent",
    quantity: "",
    valueEuros: "",
    occurredOn: new Date().toISOString().slice(0, 10),
    note: "",
  });
  const add = useMutation(
    trpc.alliances.addContribution.mutationOptions({
      onSuccess: () => {
        setValues((v) => ({ ...v, quantity: "", valueEuros: "", note: "" }));
        router.refresh();
        dialog?.close(t("alliances.detail.contributionSaved"));
      },
    }),
  );
  const errors = useMutationErrors(add.error);
  const number = (v: string) => parseDecimal(v) ?? Number.NaN;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({
      workspaceSlug,
      allianceId,
      partyId: values.partyId,
      kind: values.kind,
      quantity: number(values.quantity),
      valueEuros: values.valueEuros.trim() === "" ? null : number(values.valueEuros),
      occurredOn: values.occurredOn,
      note: values.note || null,
    });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className={dialog ? "space-y-3" : "space-y-3 rounded-md border border-slate-300 bg-white p-4"}
      aria-labelledby={dialog?.titleId ?? "contribution-title"}
    >
      {dialog ? null : (
        <h3 id="contribution-title" className="font-semibold">
          {t("alliances.detail.addContribution")}
        </h3>
      )}
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          id="c-party"
          label={t("alliances.detail.party")}
          value={values.partyId}
          onChange={(e) => setValues({ ...values, partyId: e.target.value })}
          options={parties.map((p) => ({ value: p.id, label: p.name }))}
          error={errors.fields.partyId}
        />
        <SelectField
          id="c-kind"
          label={t("alliances.detail.kind")}
          value={values.kind}
          onChange={(e) => setValues({ ...values, kind: e.target.value })}
          options={CONTRIBUTION_KINDS.map((k) => ({ value: k.key, label: t(`alliance.contributionKinds.${k.key}`) }))}
        />
        <TextField
          id="c-date"
          type="date"
          label={t("alliances.detail.date")}
          value={values.occurredOn}
          onChange={(e) => setValues({ ...values, occurredOn: e.target.value })}
          error={errors.fields.occurredOn}
        />
        <TextField
          id="c-quantity"
          inputMode="decimal"
          label={t("alliances.detail.quantity")}
          value={values.quantity}
          onChange={(e) => setValues({ ...values, quantity: e.target.value })}
          error={errors.fields.quantity}
        />
        <TextField
          id="c-value"
          inputMode="decimal"
          label={t("alliances.detail.value")}
          help={t("alliances.detail.valueHelp")}
          value={values.valueEuros}
          onChange={(e) => setValues({ ...values, valueEuros: e.target.value })}
          error={errors.fields.valueEuros}
        />
        <TextField
          id="c-note"
          label={t("alliances.detail.note")}
          value={values.note}
          onChange={(e) => setValues({ ...values, note: e.target.value })}
        />
      </div>
      <Button type="submit" disabled={add.isPending}>
        {t("alliances.detail.addContribution")}
      </Button>
    </form>
  );
}
