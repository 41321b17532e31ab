"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import type { ExportKind } from "@/server/services/exchange/schemas";

/** An export built by a job on the server (the alliance list, its ledger, the directory). */
export interface ExportJob {
  workspaceSlug: string;
  kind: ExportKind;
  format: "csv" | "xlsx";
  filters?: Record<string, unknown>;
}

/** Fetches a file in the background and saves it, announcing the share received when the size is known. */
async function save(href: string, onProgress: (percent: number) => void): Promise<string> {
  const response = await fetch(href, { credentials: "same-origin" });
  if (!response.ok || !response.body) throw new Error(String(response.status));
  const total = Number(response.headers.get("content-length") ?? 0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    if (total) onProgress(Math.round((received / total) * 100));
  }
  const name = /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? "export";
  const url = URL.createObjectURL(
    new Blob(chunks as BlobPart[], { type: response.headers.get("content-type") ?? "application/octet-stream" }),
  );
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

/**
 * Downloads an export without leaving or freezing the page, its progress announced politely.
 * With `job`, the file is asked for, built by a background job on whichever server process runs
 * jobs (waiting, then building), and downloaded once done: a large list no longer holds a web
 * request open, and a restart of the process serving the page loses nothing. Without `job`, the
 * file is fetched directly. Without JavaScript it is a plain link to the direct download.
 */
export function ExportLink({ href, label, job }: { href: string; label: string; job?: ExportJob }) {
  const t = useTranslations("report");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const request = useMutation(trpc.exports.request.mutationOptions());
  const requestErrors = useMutationErrors(request.error);

  const fetchFile = async (from: string) => {
    try {
      const name = await save(from, (percent) => setStatus(t("progress", { percent })));
      setStatus(t("ready", { name }));
    } catch {
      setStatus(t("failed"));
    }
  };

  /** Asks for the export, follows its job every half second, then downloads the file. */
  const runJob = async (asked: ExportJob) => {
    let id: string;
    try {
      ({ id } = await request.mutateAsync({
        workspaceSlug: asked.workspaceSlug,
        kind: asked.kind,
        format: asked.format,
        filters: asked.filters ?? {},
      }));
    } catch {
      setStatus(null); // the refusal is shown from the mutation's error
      return;
    }
    try {
      for (;;) {
        const data = await queryClient.fetchQuery({
          ...trpc.exports.get.queryOptions({ workspaceSlug: asked.workspaceSlug, id }),
          staleTime: 0,
        });
        if (data.status === "done") break;
        if (data.status === "failed") {
          setStatus(data.error ?? t("failed"));
          return;
        }
        setStatus(t(data.status === "queued" ? "queued" : "running"));
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } catch {
      setStatus(t("failed"));
      return;
    }
    await fetchFile(`/w/${asked.workspaceSlug}/exports/${id}`);
  };

  const start = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setStatus(t("preparing"));
    try {
      await (job ? runJob(job) : fetchFile(href));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="inline-flex flex-col">
      <a href={href} download onClick={start} aria-busy={busy || undefined}>
        {label}
      </a>
      <span role="status" className="text-xs text-slate-700">
        {request.isError ? requestErrors.message : status}
      </span>
    </span>
  );
}
