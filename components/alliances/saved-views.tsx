"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** The user's named views of the list, and a form to save the filters now in the URL. */
export function SavedViews({
  workspaceSlug,
  views,
}: {
  workspaceSlug: string;
  views: Array<{ id: string; name: string; query: string }>;
}) {
  const t = useTranslations("alliances.views");
  const trpc = useTRPC();
  const router = useRouter();
  const query = useSearchParams().toString();
  const [name, setName] = useState("");
  const save = useMutation(
    trpc.savedViews.save.mutationOptions({
      onSuccess: () => {
        setName("");
        router.refresh();
      },
    }),
  );
  const remove = useMutation(trpc.savedViews.delete.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(save.error ?? remove.error);
  const base = `/w/${workspaceSlug}/alliances`;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ workspaceSlug, name, query });
  };
  return (
    <section aria-labelledby="views-title" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
      <h2 id="views-title" className="text-lg font-semibold">
        {t("title")}
      </h2>
      {views.length === 0 ? (
        <p className="text-sm text-slate-700">{t("none")}</p>
      ) : (
        <ul className="flex flex-wrap gap-2" data-testid="saved-views">
          {views.map((v) => (
            <li
              key={v.id}
              className="flex items-center gap-1 rounded-full border border-slate-400 py-0.5 pl-3 pr-1 text-sm"
            >
              <Link href={v.query ? `${base}?${v.query}` : base}>{v.name}</Link>
              <button
                type="button"
                className="rounded-full px-2 text-red-800 hover:bg-red-50 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
                aria-label={t("delete", { name: v.name })}
                onClick={() => remove.mutate({ workspaceSlug, id: v.id })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
        <div className="min-w-64 grow">
          <TextField
            id="view-name"
            label={t("name")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.fields.name}
          />
        </div>
        <Button type="submit" variant="secondary" disabled={save.isPending}>
          {t("save")}
        </Button>
      </form>
      <InlineFeedback
        error={errors.fields.name ? undefined : errors.message}
        success={save.isSuccess && t("saved", { name: save.data.name })}
      />
    </section>
  );
}
