"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { slugify } from "@/domain/workspaces";
import { WorkspaceFields, type WorkspaceFieldValues } from "./workspace-fields";

/** Creates a workspace; `initialName` pre-fills it and `returnTo` is where to go once created (default: the workspace). */
export function CreateWorkspaceForm({ initialName = "", returnTo }: { initialName?: string; returnTo?: string } = {}) {
  const t = useTranslations("workspaces");
  const trpc = useTRPC();
  const router = useRouter();
  const [values, setValues] = useState<WorkspaceFieldValues>({
    name: initialName,
    kind: "association",
    siren: "",
    rna: "",
  });
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const create = useMutation(
    trpc.workspaces.create.mutationOptions({
      onSuccess: (workspace) => {
        if (returnTo) {
          router.push(returnTo);
          router.refresh();
        } else router.push(`/w/${workspace.slug}`);
      },
    }),
  );
  const errors = useMutationErrors(create.error);
  const effectiveSlug = slugTouched ? slug : slugify(values.name);

  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate({ ...values, slug: effectiveSlug });
      }}
    >
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <WorkspaceFields
        values={values}
        onChange={(patch) => setValues((v) => ({ ...v, ...patch }))}
        errors={errors.fields}
      />
      <TextField
        id="ws-slug"
        label={t("slug")}
        help={t("slugHelp", { slug: effectiveSlug || "…" })}
        value={effectiveSlug}
        onChange={(e) => {
          setSlugTouched(true);
          setSlug(e.target.value);
        }}
        error={errors.fields.slug}
      />
      <Button type="submit" disabled={create.isPending}>
        {t("create")}
      </Button>
    </form>
  );
}
