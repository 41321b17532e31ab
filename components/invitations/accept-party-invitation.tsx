"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";

/** One button per workspace that may accept the email invitation; accepting opens the alliance there. */
export function AcceptPartyInvitation({
  token,
  candidates,
  organisation,
}: {
  token: string;
  candidates: Array<{ slug: string; name: string; isOrganisation: boolean }>;
  organisation: string;
}) {
  const t = useTranslations("partyInvitation");
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(
    trpc.alliances.acceptEmailInvitation.mutationOptions({
      onSuccess: (result, input) => router.push(`/w/${input.workspaceSlug}/alliances/${result.allianceId}`),
    }),
  );
  const errors = useMutationErrors(accept.error);
  return (
    <div className="space-y-3">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <p className="font-medium">{t("chooseWorkspace")}</p>
      <ul className="space-y-2">
        {candidates.map((c) => (
          <li key={c.slug} className="flex flex-wrap items-center gap-3">
            <Button
              onClick={() => accept.mutate({ workspaceSlug: c.slug, token })}
              disabled={accept.isPending || accept.isSuccess}
            >
              {t("acceptFor", { workspace: c.name })}
            </Button>
            {c.isOrganisation ? null : (
              <span className="text-sm text-slate-700">{t("linksOrganisation", { organisation })}</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
