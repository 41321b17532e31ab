"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { useFormDialog } from "@/components/ui/form-dialog";
import { SelectField, TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { Notice } from "@/components/ui/notice";
import { INDICATOR_FREQUENCIES, INDICATOR_LIBRARY } from "@/domain/evaluation";
import { parseDecimal } from "@/domain/numbers";
import { labelOf } from "@/messages/labels";

const DIMENSIONS = ["performance", "innovation", "confiance"] as const;
const numberOrNull = (v: string) => (v.trim() === "" ? null : (parseDecimal(v) ?? Number.NaN));

/** Adds an indicator: pick a common one to pre-fill the fields (then adapt them), or write your own. */
export function AddIndicatorForm({
  workspaceSlug,
  allianceId,
  sdgTargets,
}: {
  workspaceSlug: string;
  allianceId: string;
  sdgTargets: string[];
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useFormDialog();
  const empty = {
    libraryKey: "",
    name: "",
    unit: "",
    dimension: "performance",
    sdgTarget: "",
    direction: "higher",
    baseline: "",
    target: "",
    frequency: "yearly",
  };
  const [v, setV] = useState(empty);
  const add = useMutation(
    trpc.evaluation.addIndicator.mutationOptions({
      onSuccess: () => {
        setV(empty);
        router.refresh();
        dialog?.close(t("indicators.saved"));
      },
    }),
  );
  const errors = useMutationErrors(add.error);
  const pick = (key: string) => {
    const entry = INDICATOR_LIBRARY.find((l) => l.key === key);
    if (!entry) return setV({ ...v, libraryKey: "" });
    setV({
      ...v,
      libraryKey: key,
      name: labelOf(t, "indicators.library", key),
      unit: entry.unit,
      dimension: entry.dimension,
      direction: entry.direction,
      frequency: entry.frequency,
    });
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({
      workspaceSlug,
      allianceId,
      libraryKey: v.libraryKey || null,
      name: v.name,
      unit: v.unit,
      dimension: v.dimension as (typeof DIMENSIONS)[number],
      sdgTarget: v.sdgTarget || null,
      direction: v.direction as "higher" | "lower",
      baseline: numberOrNull(v.baseline),
      target: numberOrNull(v.target),
      frequency: v.frequency as (typeof INDICATOR_FREQUENCIES)[number],
    });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className={dialog ? "space-y-3" : "space-y-3 rounded-md border border-slate-300 bg-white p-4"}
      aria-labelledby={dialog?.titleId ?? "add-indicator-title"}
    >
      {dialog ? null : (
        <h3 id="add-indicator-title" className="font-semibold">
          {t("indicators.add")}
        </h3>
      )}
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <SelectField
        id="ind-library"
        label={t("indicators.fromLibrary")}
        value={v.libraryKey}
        onChange={(e) => pick(e.target.value)}
        options={[
          { value: "", label: t("indicators.custom") },
          ...INDICATOR_LIBRARY.map((l) => ({ value: l.key, label: labelOf(t, "indicators.library", l.key) })),
        ]}
      />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          id="ind-name"
          label={t("indicators.name")}
          value={v.name}
          onChange={(e) => setV({ ...v, name: e.target.value })}
          error={errors.fields.name}
        />
        <TextField
          id="ind-unit"
          label={t("indicators.unit")}
          value={v.unit}
          onChange={(e) => setV({ ...v, unit: e.target.value })}
          error={errors.fields.unit}
        />
        <SelectField
          id="ind-dimension"
          label={t("indicators.dimension")}
          value={v.dimension}
          onChange={(e) => setV({ ...v, dimension: e.target.value })}
          options={DIMENSIONS.map((d) => ({ value: d, label: t(`alliance.impacts.${d}`) }))}
        />
        <SelectField
          id="ind-direction"
          label={t("indicators.direction")}
          value={v.direction}
          onChange={(e) => setV({ ...v, direction: e.target.value })}
          options={(["higher", "lower"] as const).map((d) => ({ value: d, label: t(`indicators.directions.${d}`) }))}
        />
        <TextField
          id="ind-baseline"
          inputMode="decimal"
          label={t("indicators.baseline")}
          value={v.baseline}
          onChange={(e) => setV({ ...v, baseline: e.target.value })}
          error={errors.fields.baseline}
        />
        <TextField
          id="ind-target"
          inputMode="decimal"
          label={t("indicators.target")}
          value={v.target}
          onChange={(e) => setV({ ...v, target: e.target.value })}
          error={errors.fields.target}
        />
        <SelectField
          id="ind-frequency"
          label={t("indicators.frequency")}
          value={v.frequency}
          onChange={(e) => setV({ ...v, frequency: e.target.value })}
          options={INDICATOR_FREQUENCIES.map((f) => ({ value: f, label: t(`indicators.frequencies.${f}`) }))}
        />
        <SelectField
          id="ind-sdg"
          label={t("indicators.sdgTarget")}
          value={v.sdgTarget}
          onChange={(e) => setV({ ...v, sdgTarget: e.target.value })}
          options={[{ value: "", label: "—" }, ...sdgTargets.map((s) => ({ value: s, label: s }))]}
          error={errors.fields.sdgTarget}
        />
      </div>
      <Button type="submit" disabled={add.isPending}>
        {t("indicators.add")}
      </Button>
    </form>
  );
}

/** Enters one result of an indicator for a period, in this workspace's name. */
export function AddResultForm({
  workspaceSlug,
  allianceId,
  indicatorId,
  indicatorName,
}: {
  workspaceSlug: string;
  allianceId: string;
  indicatorId: string;
  indicatorName: string;
}) {
  const t = useTranslations("indicators");
  const trpc = useTRPC();
  const router = useRouter();
  const year = new Date().getFullYear();
  const empty = { period: String(year), periodEnd: `${year}-12-31`, value: "", note: "", evidenceUrl: "" };
  const [v, setV] = useState(empty);
  const add = useMutation(
    trpc.evaluation.addResult.mutationOptions({
      onSuccess: () => {
        setV(empty);
        router.refresh();
      },
    }),
  );
  const errors = useMutationErrors(add.error);
  const id = (name: string) => `res-${indicatorId}-${name}`;
  return (
    <form
      noValidate
      className="space-y-2"
      aria-label={`${t("addResult")} — ${indicatorName}`}
      onSubmit={(e) => {
        e.preventDefault();
        add.mutate({
          workspaceSlug,
          allianceId,
          indicatorId,
          period: v.period,
          periodEnd: v.periodEnd,
          value: numberOrNull(v.value) ?? Number.NaN,
          note: v.note || null,
          evidenceUrl: v.evidenceUrl || null,
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          id={id("period")}
          label={t("resultPeriod")}
          value={v.period}
          onChange={(e) => setV({ ...v, period: e.target.value })}
          error={errors.fields.period}
        />
        <TextField
          id={id("end")}
          type="date"
          label={t("resultPeriodEnd")}
          value={v.periodEnd}
          onChange={(e) => setV({ ...v, periodEnd: e.target.value })}
          error={errors.fields.periodEnd}
        />
        <TextField
          id={id("value")}
          inputMode="decimal"
          label={t("resultValue")}
          value={v.value}
          onChange={(e) => setV({ ...v, value: e.target.value })}
          error={errors.fields.value}
        />
        <TextField
          id={id("note")}
          label={t("resultNote")}
          value={v.note}
          onChange={(e) => setV({ ...v, note: e.target.value })}
        />
        <TextField
          id={id("evidence")}
          type="url"
          label={t("resultEvidence")}
          value={v.evidenceUrl}
          onChange={(e) => setV({ ...v, evidenceUrl: e.target.value })}
          error={errors.fields.evidenceUrl}
        />
      </div>
      <Button type="submit" variant="secondary" disabled={add.isPending}>
        {t("saveResult")}
      </Button>
      <InlineFeedback error={Object.keys(errors.fields).length ? undefined : errors.message} />
    </form>
  );
}
