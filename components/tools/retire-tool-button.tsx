"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** Retires a catalogue tool or puts it back online (operators). */
export function RetireToolButton({
  id,
  version,
  retired,
  title,
}: {
  id: string;
  version: number;
  retired: boolean;
  title: string;
}) {
  const t = useTranslations("tools");
  const trpc = useTRPC();
  const router = useRouter();
  const mutation = useMutation(trpc.operator.retireTool.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(mutation.error);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        type="button"
        variant="secondary"
        aria-label={`${retired ? t("restore") : t("retire")} : ${title}`}
        disabled={mutation.isPending}
        onClick={() => mutation.mutate({ id, version, retired: !retired })}
      >
        {retired ? t("restore") : t("retire")}
      </Button>
      <InlineFeedback
        error={errors.message}
        success={mutation.isSuccess && (mutation.variables?.retired ? t("retiredDone") : t("restoredDone"))}
      />
    </div>
  );
}
