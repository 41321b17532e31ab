"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** The file's bytes as base64, read in the browser. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/** Choose a CSV or XLSX file; once read by the server, the review page opens. */
export function ImportUpload({ workspaceSlug }: { workspaceSlug: string }) {
  const t = useTranslations("import");
  const trpc = useTRPC();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const upload = useMutation(
    trpc.imports.upload.mutationOptions({
      onSuccess: ({ id }) => router.push(`/w/${workspaceSlug}/alliances/import/${id}`),
    }),
  );
  const errors = useMutationErrors(upload.error);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) {
      setMissing(true);
      return;
    }
    upload.mutate({ workspaceSlug, fileName: file.name, content: await base64Of(file) });
  };
  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-3 rounded-md border border-slate-300 bg-white p-4"
      aria-labelledby="upload-title"
    >
      <h2 id="upload-title" className="text-lg font-semibold">
        {t("upload.title")}
      </h2>
      <div>
        <label htmlFor="import-file" className="block text-sm font-medium text-slate-900">
          {t("upload.file")}
        </label>
        <input
          id="import-file"
          type="file"
          accept=".csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-describedby="import-file-help"
          aria-invalid={missing ? true : undefined}
          className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-400 file:bg-white file:px-3 file:py-2"
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setMissing(false);
          }}
        />
        <p id="import-file-help" className="mt-1 text-sm text-slate-700">
          {t("upload.help")}
        </p>
      </div>
      <Button type="submit" disabled={upload.isPending}>
        {upload.isPending ? t("upload.reading") : t("upload.submit")}
      </Button>
      <InlineFeedback error={missing ? t("upload.missing") : errors.message} />
    </form>
  );
}
