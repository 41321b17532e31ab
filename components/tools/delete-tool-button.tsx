"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** Deletes one of the workspace's private tools after confirmation, then goes back to the toolbox. */
export function DeleteToolButton({ workspaceSlug, id, title }: { workspaceSlug: string; id: string; title: string }) {
  const t = useTranslations("tools");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(
    trpc.tools.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspaceSlug}/outils`) }),
  );
  const errors = useMutationErrors(remove.error);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        type="button"
        variant="danger"
        disabled={remove.isPending}
        onClick={() => {
          if (window.confirm(t("deleteConfirm", { title }))) remove.mutate({ workspaceSlug, id });
        }}
      >
        {t("delete")}
      </Button>
      <InlineFeedback error={errors.message} success={remove.isSuccess && t("deleted")} />
    </div>
  );
}
