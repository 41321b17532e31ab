"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { WorkspaceKind } from "@/domain/workspaces";
import { WorkspaceFields, type WorkspaceFieldValues } from "./workspace-fields";
import { parseDecimal } from "@/domain/numbers";

export function WorkspaceSettingsForm({
  workspace,
}: {
  workspace: {
    slug: string;
    name: string;
    kind: WorkspaceKind;
    siren: string | null;
    rna: string | null;
    version: number;
    hourlyRateCents: number | null;
    customPartnerRoles: Array<{ label: string }>;
    customEngagementSchemes: Array<{ label: string }>;
  };
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<WorkspaceFieldValues>({
    name: workspace.name,
    kind: workspace.kind,
    siren: workspace.siren ?? "",
    rna: workspace.rna ?? "",
  });
  const [registry, setRegistry] = useState({
    hourlyRate: workspace.hourlyRateCents === null ? "" : String(workspace.hourlyRateCents / 100),
    roles: workspace.customPartnerRoles.map((r) => r.label).join("\n"),
    schemes: workspace.customEngagementSchemes.map((r) => r.label).join("\n"),
  });
  const lines = (text: string) =>
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  const update = useMutation(trpc.workspaces.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(update.error);
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({
          workspaceSlug: workspace.slug,
          ...values,
          version: update.data?.version ?? workspace.version,
          hourlyRateEuros: registry.hourlyRate.trim() === "" ? null : (parseDecimal(registry.hourlyRate) ?? Number.NaN),
          customPartnerRoles: lines(registry.roles),
          customEngagementSchemes: lines(registry.schemes),
        });
      }}
    >
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      {update.isSuccess ? <Notice tone="success">{t("workspaces.saved")}</Notice> : null}
      <WorkspaceFields
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        errors={errors.fields}
      />
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">{t("workspaces.registrySettings")}</legend>
        <TextField
          id="ws-rate"
          inputMode="decimal"
          label={t("workspaces.hourlyRate")}
          help={t("workspaces.hourlyRateHelp")}
          value={registry.hourlyRate}
          onChange={(e) => setRegistry({ ...registry, hourlyRate: e.target.value })}
          error={errors.fields.hourlyRateEuros}
        />
        {(["roles", "schemes"] as const).map((list) => (
          <TextAreaField
            key={list}
            id={`ws-${list}`}
            rows={3}
            label={t(list === "roles" ? "workspaces.customRoles" : "workspaces.customSchemes")}
            help={t("workspaces.customListHelp")}
            value={registry[list]}
            onChange={(e) => setRegistry({ ...registry, [list]: e.target.value })}
            error={errors.under(list === "roles" ? "customPartnerRoles" : "customEngagementSchemes")}
          />
        ))}
      </fieldset>
      <Button type="submit" disabled={update.isPending}>
        {t("app.save")}
      </Button>
    </form>
  );
}
