"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { useFormDialog } from "@/components/ui/form-dialog";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { ENTRY_DOORS, LIFECYCLE_STAGES } from "@/domain/alliances";
import { TOOL_AUDIENCES, TOOL_FEATURES, TOOL_KINDS, TOOL_PURPOSES, type ToolText } from "@/domain/toolbox";
import { labelOf } from "@/messages/labels";
import type { z } from "zod";
import type { SaveToolInput } from "@/server/services/tools/schemas";

/** A tool being edited: what the form starts from. */
export interface ToolDraft {
  id: string;
  version: number;
  slug: string;
  door: string;
  purpose: string;
  kind: string;
  audiences: string[];
  stages: string[];
  feature: string | null;
  url: string | null;
  position: number;
  content: Partial<Record<"fr" | "en", ToolText>>;
}

/** What the form sends: the procedure's input before zod reads it (the body as one text). */
type SaveInput = z.input<typeof SaveToolInput>;

/**
 * Creates or edits a tool, in French and English (one language is enough). For a workspace it
 * saves a private tool; for an operator a tool of the public catalogue, which may also open a
 * feature of Maillage.
 */
export function ToolForm({ workspaceSlug, tool }: { workspaceSlug?: string; tool?: ToolDraft }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const dialog = useFormDialog();
  const prefix = useId();
  const [saved, setSaved] = useState(false);
  const onSuccess = () => {
    router.refresh();
    setSaved(true);
    dialog?.close(t("tools.saved"));
  };
  const workspaceSave = useMutation(trpc.tools.save.mutationOptions({ onSuccess }));
  const operatorSave = useMutation(trpc.operator.saveTool.mutationOptions({ onSuccess }));
  const mutation = workspaceSlug ? workspaceSave : operatorSave;
  const errors = useMutationErrors(mutation.error);
  const operator = !workspaceSlug;
  const id = (name: string) => `${prefix}-${name}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    const form = new FormData(event.currentTarget);
    const text = (lang: "fr" | "en") => {
      const value = (name: string) => String(form.get(`${lang}.${name}`) ?? "");
      const entry = { title: value("title"), summary: value("summary"), helps: value("helps"), body: value("body") };
      return entry.title.trim() || entry.summary.trim() || entry.body.trim() ? entry : undefined;
    };
    const input: SaveInput = {
      ...(tool ? { id: tool.id, version: tool.version } : {}),
      slug: String(form.get("slug") ?? ""),
      door: String(form.get("door")) as SaveInput["door"],
      purpose: String(form.get("purpose")) as SaveInput["purpose"],
      kind: String(form.get("kind")) as SaveInput["kind"],
      audiences: form.getAll("audiences").map(String) as SaveInput["audiences"],
      stages: form.getAll("stages").map(String) as SaveInput["stages"],
      feature: (String(form.get("feature") ?? "") || null) as SaveInput["feature"],
      url: String(form.get("url") ?? ""),
      position: Number(form.get("position") ?? 0) || 0,
      fr: text("fr"),
      en: text("en"),
    };
    if (workspaceSlug) workspaceSave.mutate({ workspaceSlug, ...input });
    else operatorSave.mutate(input);
  };

  const kinds = operator ? TOOL_KINDS : TOOL_KINDS.filter((k) => k !== "fonctionnalite");
  const options = (keys: readonly string[], label: (key: string) => string) =>
    keys.map((k) => ({ value: k, label: label(k) }));
  const textFields = (lang: "fr" | "en") => {
    const current = tool?.content[lang];
    return (
      <fieldset className="space-y-3 rounded-md border border-slate-300 p-3" lang={lang}>
        <legend className="px-1 text-sm font-semibold">
          {t(lang === "fr" ? "tools.inFrench" : "tools.inEnglish")}
        </legend>
        <TextField
          id={id(`${lang}-title`)}
          name={`${lang}.title`}
          label={t("tools.textTitle")}
          defaultValue={current?.title ?? ""}
          error={errors.fields[`${lang}.title`]}
        />
        <TextField
          id={id(`${lang}-summary`)}
          name={`${lang}.summary`}
          label={t("tools.textSummary")}
          defaultValue={current?.summary ?? ""}
          error={errors.fields[`${lang}.summary`]}
        />
        <TextField
          id={id(`${lang}-helps`)}
          name={`${lang}.helps`}
          label={t("tools.textHelps")}
          defaultValue={current?.helps ?? ""}
          error={errors.fields[`${lang}.helps`]}
        />
        <TextAreaField
          id={id(`${lang}-body`)}
          name={`${lang}.body`}
          label={t("tools.textBody")}
          help={t("tools.bodyHint")}
          rows={8}
          defaultValue={current?.body.join("\n") ?? ""}
          error={errors.fields[`${lang}.body`]}
        />
      </fieldset>
    );
  };

  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby={dialog?.titleId} noValidate>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          id={id("slug")}
          name="slug"
          label={t("tools.slug")}
          help={t("tools.slugHint")}
          defaultValue={tool?.slug ?? ""}
          error={errors.fields.slug}
          required
        />
        <TextField
          id={id("position")}
          name="position"
          type="number"
          min={0}
          label={t("tools.position")}
          help={t("tools.positionHint")}
          defaultValue={tool?.position ?? 0}
          error={errors.fields.position}
        />
        <SelectField
          id={id("door")}
          name="door"
          label={t("tools.door")}
          defaultValue={tool?.door ?? ENTRY_DOORS[0]}
          options={options(ENTRY_DOORS, (k) => labelOf(t, "alliance.entryDoors", k))}
        />
        <SelectField
          id={id("purpose")}
          name="purpose"
          label={t("tools.purpose")}
          defaultValue={tool?.purpose ?? TOOL_PURPOSES[0]}
          options={options(TOOL_PURPOSES, (k) => labelOf(t, "tools.purposes", k))}
        />
        <SelectField
          id={id("kind")}
          name="kind"
          label={t("tools.kind")}
          defaultValue={tool?.kind ?? "fiche"}
          options={options(kinds, (k) => labelOf(t, "tools.kinds", k))}
          error={errors.fields.kind}
        />
        {operator ? (
          <SelectField
            id={id("feature")}
            name="feature"
            label={t("tools.feature")}
            defaultValue={tool?.feature ?? ""}
            options={[
              { value: "", label: t("tools.noFeature") },
              ...options(TOOL_FEATURES, (k) => labelOf(t, "tools.features", k)),
            ]}
          />
        ) : null}
        <TextField
          id={id("url")}
          name="url"
          type="url"
          label={t("tools.url")}
          defaultValue={tool?.url ?? ""}
          error={errors.fields.url}
        />
      </div>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("tools.audiencesLegend")}</legend>
        <div className="flex flex-wrap gap-4">
          {TOOL_AUDIENCES.map((a) => (
            <label key={a} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="audiences" value={a} defaultChecked={tool?.audiences.includes(a) ?? false} />
              {labelOf(t, "tools.audiences", a)}
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("tools.stagesLegend")}</legend>
        <div className="flex flex-wrap gap-4">
          {LIFECYCLE_STAGES.filter((s) => s !== "termine").map((s) => (
            <label key={s} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="stages" value={s} defaultChecked={tool?.stages.includes(s) ?? false} />
              {labelOf(t, "alliance.lifecycle", s)}
            </label>
          ))}
        </div>
      </fieldset>
      {textFields("fr")}
      {textFields("en")}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={mutation.isPending}>
          {t("tools.save")}
        </Button>
        <InlineFeedback
          error={
            errors.message && Object.keys(errors.fields).length === 0
              ? errors.message
              : errors.fields.fr && !errors.fields["fr.title"]
                ? errors.fields.fr
                : undefined
          }
          success={!dialog && saved && t("tools.saved")}
        />
      </div>
    </form>
  );
}
