"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** Archive or restore (editors and up) and delete for good (admins, after confirming). */
export function AllianceActions({
  workspaceSlug,
  id,
  archived,
  canDelete,
}: {
  workspaceSlug: string;
  id: string;
  archived: boolean;
  canDelete: boolean;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => router.refresh();
  const archive = useMutation(trpc.alliances.archive.mutationOptions({ onSuccess: refresh }));
  const restore = useMutation(trpc.alliances.restore.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(
    trpc.alliances.delete.mutationOptions({ onSuccess: () => router.push(`/w/${workspaceSlug}/alliances`) }),
  );
  const errors = useMutationErrors(archive.error ?? restore.error ?? remove.error);
  return (
    <div className="flex flex-wrap items-center gap-2">
      {archived ? (
        <Button variant="secondary" onClick={() => restore.mutate({ workspaceSlug, id })} disabled={restore.isPending}>
          {t("alliances.restore")}
        </Button>
      ) : (
        <Button variant="secondary" onClick={() => archive.mutate({ workspaceSlug, id })} disabled={archive.isPending}>
          {t("alliances.archive")}
        </Button>
      )}
      {canDelete ? (
        confirming ? (
          <>
            <span role="status" className="text-sm">
              {t("alliances.deleteConfirm")}
            </span>
            <Button variant="danger" onClick={() => remove.mutate({ workspaceSlug, id })} disabled={remove.isPending}>
              {t("alliances.delete")}
            </Button>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              {t("app.cancel")}
            </Button>
          </>
        ) : (
          <Button variant="danger" onClick={() => setConfirming(true)}>
            {t("alliances.delete")}
          </Button>
        )
      ) : null}
      <InlineFeedback error={errors.message} />
    </div>
  );
}
