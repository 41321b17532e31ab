"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** Invite a named partner's workspace to co-own the alliance, or withdraw a pending invitation. */
export function PartyShareAction({ workspaceSlug, allianceId, partyId, status, hasWorkspace }: { workspaceSlug: string; allianceId: string; partyId: string; status: string; hasWorkspace: boolean }) {
  const t = useTranslations("share");
  const trpc = useTRPC();
  const router = useRouter();
  const invite = useMutation(trpc.alliances.inviteCoOwner.mutationOptions({ onSuccess: () => router.refresh() }));
  const withdraw = useMutation(trpc.alliances.withdrawCoOwnerInvitation.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(invite.error ?? withdraw.error);
  const input = { workspaceSlug, allianceId, partyId };
  const canInvite = !hasWorkspace || ["declined", "withdrawn", "left"].includes(status);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {status === "invited" ? (
        <Button variant="secondary" className="px-2 py-0.5" onClick={() => withdraw.mutate(input)} disabled={withdraw.isPending}>
          {t("withdraw")}
        </Button>
      ) : canInvite ? (
        <Button variant="secondary" className="px-2 py-0.5" onClick={() => invite.mutate(input)} disabled={invite.isPending}>
          {hasWorkspace ? t("inviteAgain") : t("invite")}
        </Button>
      ) : null}
      <InlineFeedback error={errors.message} />
    </span>
  );
}

/** The workspace leaves an alliance it co-owns, after confirming. */
export function LeaveAllianceButton({ workspaceSlug, allianceId }: { workspaceSlug: string; allianceId: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const leave = useMutation(trpc.alliances.leave.mutationOptions({ onSuccess: () => router.push(`/w/${workspaceSlug}/alliances`) }));
  const errors = useMutationErrors(leave.error);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <>
          <span role="status" className="text-sm">
            {t("share.leaveConfirm")}
          </span>
          <Button variant="danger" onClick={() => leave.mutate({ workspaceSlug, id: allianceId })} disabled={leave.isPending}>
            {t("share.leave")}
          </Button>
          <Button variant="secondary" onClick={() => setAsking(false)}>
            {t("app.cancel")}
          </Button>
        </>
      ) : (
        <Button variant="danger" onClick={() => setAsking(true)}>
          {t("share.leave")}
        </Button>
      )}
      <InlineFeedback error={errors.message} />
    </span>
  );
}

/** Invitations waiting for this workspace's answer; admins accept or decline them. */
export function CoOwnershipInbox({
  workspaceSlug,
  invitations,
  canAnswer,
}: {
  workspaceSlug: string;
  invitations: Array<{ partyId: string; allianceId: string; title: string; role: string; invitedBy: string | null }>;
  canAnswer: boolean;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const respond = useMutation(
    trpc.alliances.respondToCoOwnership.mutationOptions({
      onSuccess: (result, variables) => {
        if (variables.accept) router.push(`/w/${workspaceSlug}/alliances/${result.allianceId}`);
        router.refresh();
      },
    }),
  );
  const errors = useMutationErrors(respond.error);
  if (invitations.length === 0) return null;
  return (
    <section aria-labelledby="inbox-title" className="space-y-3 rounded-md border border-blue-700 bg-blue-50 p-4" data-testid="co-ownership-inbox">
      <h2 id="inbox-title" className="text-lg font-semibold">
        {t("share.inboxTitle")}
      </h2>
      {!canAnswer ? <p className="text-sm">{t("share.adminsOnly")}</p> : null}
      <ul className="space-y-2">
        {invitations.map((i) => (
          <li key={i.partyId} className="flex flex-wrap items-center gap-3">
            <span>{t("share.inboxLine", { inviter: i.invitedBy ?? "—", role: t.has(`alliance.partnerRoles.${i.role}` as never) ? t(`alliance.partnerRoles.${i.role}` as never) : i.role, title: i.title })}</span>
            {canAnswer ? (
              <>
                <Button className="px-3 py-1" onClick={() => respond.mutate({ workspaceSlug, partyId: i.partyId, accept: true })} disabled={respond.isPending}>
                  {t("share.accept")}
                </Button>
                <Button variant="secondary" className="px-3 py-1" onClick={() => respond.mutate({ workspaceSlug, partyId: i.partyId, accept: false })} disabled={respond.isPending}>
                  {t("share.decline")}
                </Button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
      <InlineFeedback error={errors.message} />
    </section>
  );
}
