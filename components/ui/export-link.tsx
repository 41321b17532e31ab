"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";

/**
 * Downloads an export without leaving or freezing the page: the file is fetched in the
 * background, its progress announced politely (preparing, then the share received when the
 * server gave a size), and saved when complete. Without JavaScript it is a plain link.
 */
export function ExportLink({ href, label }: { href: string; label: string }) {
  const t = useTranslations("report");
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const start = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setStatus(t("preparing"));
    try {
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
        if (total) setStatus(t("progress", { percent: Math.round((received / total) * 100) }));
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
      setStatus(t("ready", { name }));
    } catch {
      setStatus(t("failed"));
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
        {status}
      </span>
    </span>
  );
}
