"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";

/** Shown when a page fails on the server: a plain message, the reference to give support, and a retry. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations();
  return (
    <section className="space-y-4" role="alert">
      <h1 className="text-2xl font-bold">{t("errors.pageTitle")}</h1>
      <p>{t("errors.internal", { requestId: error.digest ?? "-" })}</p>
      <Button onClick={reset}>{t("app.retry")}</Button>
    </section>
  );
}
