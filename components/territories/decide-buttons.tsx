"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** Approve or refuse one coordination request (platform operators). */
export function DecideButtons({ id, label }: { id: string; label: string }) {
  const t = useTranslations("operator");
  const trpc = useTRPC();
  const router = useRouter();
  const decide = useMutation(trpc.operator.decide.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(decide.error);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <Button
        className="px-2 py-1"
        onClick={() => decide.mutate({ id, approve: true })}
        disabled={decide.isPending}
        aria-label={`${t("approve")} — ${label}`}
      >
        {t("approve")}
      </Button>
      <Button
        variant="secondary"
        className="px-2 py-1"
        onClick={() => decide.mutate({ id, approve: false })}
        disabled={decide.isPending}
        aria-label={`${t("refuse")} — ${label}`}
      >
        {t("refuse")}
      </Button>
      <InlineFeedback error={errors.message} />
    </span>
  );
}
