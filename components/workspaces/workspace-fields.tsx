"use client";

import { useTranslations } from "next-intl";
import { SelectField, TextField } from "@/components/ui/field";
import { WORKSPACE_KINDS, type WorkspaceKind } from "@/domain/workspaces";

export interface WorkspaceFieldValues {
  name: string;
  kind: WorkspaceKind;
  siren: string;
  rna: string;
}

/** Name, kind, SIREN and RNA: shared by the create form and the settings form. */
export function WorkspaceFields({
  values,
  onChange,
  errors,
}: {
  values: WorkspaceFieldValues;
  onChange: (patch: Partial<WorkspaceFieldValues>) => void;
  errors: Record<string, string>;
}) {
  const t = useTranslations("workspaces");
  const kinds = useTranslations("workspaceKinds");
  return (
    <>
      <TextField
        id="ws-name"
        label={t("name")}
        required
        value={values.name}
        onChange={(e) => onChange({ name: e.target.value })}
        error={errors.name}
      />
      <SelectField
        id="ws-kind"
        label={t("kind")}
        value={values.kind}
        onChange={(e) => onChange({ kind: e.target.value as WorkspaceKind })}
        options={WORKSPACE_KINDS.map((k) => ({ value: k, label: kinds(k) }))}
        error={errors.kind}
      />
      <TextField
        id="ws-siren"
        label={t("siren")}
        help={t("sirenHelp")}
        inputMode="numeric"
        value={values.siren}
        onChange={(e) => onChange({ siren: e.target.value })}
        error={errors.siren}
      />
      <TextField
        id="ws-rna"
        label={t("rna")}
        help={t("rnaHelp")}
        value={values.rna}
        onChange={(e) => onChange({ rna: e.target.value })}
        error={errors.rna}
      />
    </>
  );
}
