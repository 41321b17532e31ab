"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

type Decision = "verify" | "refuse" | "revoke";
type Status = "requested" | "verified" | "refused" | "revoked";

/** What an operator may decide on a claim in each state. */
const DECISIONS: Record<Status, Decision[]> = {
  requested: ["verify", "refuse"],
  verified: ["revoke"],
  refused: ["verify"],
  revoked: ["verify"],
};

/** Verify, refuse or revoke one organisation claim (platform operators). */
export function VerificationDecision({ id, status, label }: { id: string; status: Status; label: string }) {
  const t = useTranslations("verification");
  const trpc = useTRPC();
  const router = useRouter();
  const decide = useMutation(trpc.operator.decideVerification.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(decide.error);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {DECISIONS[status].map((decision) => (
        <Button
          key={decision}
          variant={decision === "verify" ? "primary" : "secondary"}
          className="px-2 py-1"
          onClick={() => decide.mutate({ id, decision })}
          disabled={decide.isPending}
          aria-label={`${t(`decide.${decision}`)} — ${label}`}
        >
          {t(`decide.${decision}`)}
        </Button>
      ))}
      <InlineFeedback error={errors.message} />
    </span>
  );
}
