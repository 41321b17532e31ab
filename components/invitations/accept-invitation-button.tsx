"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

export function AcceptInvitationButton({ token }: { token: string }) {
  const t = useTranslations("invitation");
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.memberInvitations.accept.mutationOptions({ onSuccess: (result) => router.push(`/w/${result.workspaceSlug}`) }),
  );
  const errors = useMutationErrors(accept.error);
  return (
    <div className="space-y-3">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <Button onClick={() => accept.mutate({ token })} disabled={accept.isPending || accept.isSuccess}>
        {t("accept")}
      </Button>
    </div>
  );
}
