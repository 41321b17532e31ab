"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { WorkspaceKind } from "@/domain/workspaces";
import { WorkspaceFields, type WorkspaceFieldValues } from "./workspace-fields";

export function WorkspaceSettingsForm({
  workspace,
}: {
  workspace: { slug: string; name: string; kind: WorkspaceKind; siren: string | null; rna: string | null; version: number };
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
  const update = useMutation(trpc.workspaces.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(update.error);
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate({ workspaceSlug: workspace.slug, ...values, version: update.data?.version ?? workspace.version });
      }}
    >
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      {update.isSuccess ? <Notice tone="success">{t("workspaces.saved")}</Notice> : null}
      <WorkspaceFields values={values} onChange={(patch) => setValues((v) => ({ ...v, ...patch }))} errors={errors.fields} />
      <Button type="submit" disabled={update.isPending}>
        {t("app.save")}
      </Button>
    </form>
  );
}
