"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** Runs one failed background job again (platform operators). */
export function RetryJobButton({ name, id, label }: { name: string; id: string; label: string }) {
  const t = useTranslations("operator.jobs");
  const trpc = useTRPC();
  const router = useRouter();
  const retry = useMutation(trpc.operator.retryJob.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(retry.error);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        variant="secondary"
        className="px-2 py-1"
        onClick={() => retry.mutate({ name, id })}
        disabled={retry.isPending}
        aria-label={`${t("retry")} — ${label}`}
      >
        {t("retry")}
      </Button>
      <InlineFeedback error={errors.message} success={retry.isSuccess ? t("retried") : undefined} />
    </span>
  );
}
