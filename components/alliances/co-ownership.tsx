"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { labelOf } from "@/messages/labels";

/**
 * Invite a named partner to co-own the alliance: its workspace in the app when it has one,
 * otherwise someone of the organisation by email. Withdraw a pending invitation. Which one is
 * decided with the status shown beside it, from the same standing.
 */
export function PartyShareAction({
  workspaceSlug,
  allianceId,
  partyId,
  partyName,
  action,
  hasWorkspace,
}: {
  workspaceSlug: string;
  allianceId: string;
  partyId: string;
  partyName: string;
  /** What the party's standing allows (domain/alliances.ts partyShareAction). */
  action: "inviteWorkspace" | "inviteByEmail" | "withdraw";
  hasWorkspace: boolean;
}) {
  const t = useTranslations("share");
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const invite = useMutation(trpc.alliances.inviteCoOwner.mutationOptions({ onSuccess: () => router.refresh() }));
  const byEmail = useMutation(trpc.alliances.inviteByEmail.mutationOptions({ onSuccess: () => router.refresh() }));
  const withdraw = useMutation(
    trpc.alliances.withdrawCoOwnerInvitation.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const errors = useMutationErrors(invite.error ?? byEmail.error ?? withdraw.error);
  const input = { workspaceSlug, allianceId, partyId };
  if (action === "withdraw") {
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          className="px-2 py-0.5"
          onClick={() => withdraw.mutate(input)}
          disabled={withdraw.isPending}
        >
          {t("withdraw")}
        </Button>
        <InlineFeedback error={errors.message} />
      </span>
    );
  }
  if (action === "inviteWorkspace") {
    return (
      <span className="inline-flex flex-wrap items-center gap-2">
        <Button
          variant="secondary"
          className="px-2 py-0.5"
          onClick={() => invite.mutate(input)}
          disabled={invite.isPending}
        >
          {hasWorkspace ? t("inviteAgain") : t("invite")}
        </Button>
        <InlineFeedback error={errors.message} />
      </span>
    );
  }
  const fieldId = `invite-email-${partyId}`;
  return (
    <form
      className="mt-1 flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        byEmail.mutate({ ...input, email });
      }}
    >
      <div>
        <label htmlFor={fieldId} className="block text-sm font-medium">
          {t("emailLabel", { organisation: partyName })}
        </label>
        <input
          id={fieldId}
          type="email"
          autoComplete="off"
          className="mt-1 rounded-md border border-slate-500 px-2 py-1 focus:outline focus:outline-3 focus:outline-blue-700"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={errors.fields.email ? true : undefined}
          aria-describedby={errors.fields.email ? `${fieldId}-error` : undefined}
        />
        {errors.fields.email ? (
          <p id={`${fieldId}-error`} className="text-sm font-medium text-red-800">
            {errors.fields.email}
          </p>
        ) : null}
      </div>
      <Button type="submit" variant="secondary" className="px-2 py-1" disabled={byEmail.isPending}>
        {t("inviteByEmail")}
      </Button>
      <InlineFeedback error={errors.fields.email ? undefined : errors.message} />
    </form>
  );
}

/** The workspace leaves an alliance it co-owns, after confirming. */
export function LeaveAllianceButton({ workspaceSlug, allianceId }: { workspaceSlug: string; allianceId: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const leave = useMutation(
    trpc.alliances.leave.mutationOptions({ onSuccess: () => router.push(`/w/${workspaceSlug}/alliances`) }),
  );
  const errors = useMutationErrors(leave.error);
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <>
          <span role="status" className="text-sm">
            {t("share.leaveConfirm")}
          </span>
          <Button
            variant="danger"
            onClick={() => leave.mutate({ workspaceSlug, id: allianceId })}
            disabled={leave.isPending}
          >
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
  invitations: Array<{
    partyId: string;
    allianceId: string;
    title: string;
    role: string;
    invitedBy: string | null;
    inviterVerified?: boolean;
  }>;
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
    <section
      id="co-ownership-inbox"
      aria-labelledby="inbox-title"
      className="scroll-mt-4 space-y-3 rounded-md border border-blue-700 bg-blue-50 p-4"
      data-testid="co-ownership-inbox"
    >
      <h2 id="inbox-title" className="text-lg font-semibold">
        {t("share.inboxTitle")}
      </h2>
      {!canAnswer ? <p className="text-sm">{t("share.adminsOnly")}</p> : null}
      <ul className="space-y-2">
        {invitations.map((i) => (
          <li key={i.partyId} className="flex flex-wrap items-center gap-3">
            <span>
              {t("share.inboxLine", {
                inviter: i.invitedBy ?? "—",
                role: labelOf(t, "alliance.partnerRoles", i.role),
                title: i.title,
              })}
            </span>
            {i.inviterVerified === false ? (
              <span
                className="rounded border border-amber-800 px-1.5 text-xs font-semibold text-amber-900"
                title={t("share.inviterUnverifiedHelp")}
              >
                {t("verification.unverified")}
              </span>
            ) : null}
            {canAnswer ? (
              <>
                <Button
                  className="px-3 py-1"
                  onClick={() => respond.mutate({ workspaceSlug, partyId: i.partyId, accept: true })}
                  disabled={respond.isPending}
                >
                  {t("share.accept")}
                </Button>
                <Button
                  variant="secondary"
                  className="px-3 py-1"
                  onClick={() => respond.mutate({ workspaceSlug, partyId: i.partyId, accept: false })}
                  disabled={respond.isPending}
                >
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

/**
 * Alliances asking for the public library that name this (verified) workspace's organisation as
 * a partner without it co-owning them: it says whether its name may appear there.
 */
export function MentionRequests({
  workspaceSlug,
  requests,
  canAnswer,
}: {
  workspaceSlug: string;
  requests: Array<{
    partyId: string;
    allianceId: string;
    title: string;
    summary: string | null;
    role: string;
    declaredBy: string | null;
  }>;
  canAnswer: boolean;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const answer = useMutation(trpc.alliances.answerMention.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(answer.error);
  if (requests.length === 0) return null;
  return (
    <section
      id="mention-requests"
      aria-labelledby="mentions-title"
      className="scroll-mt-4 space-y-3 rounded-md border border-blue-700 bg-blue-50 p-4"
      data-testid="mention-requests"
    >
      <h2 id="mentions-title" className="text-lg font-semibold">
        {t("share.mentionsTitle")}
      </h2>
      <p className="text-sm">{t("share.mentionsIntro")}</p>
      {!canAnswer ? <p className="text-sm">{t("share.adminsOnly")}</p> : null}
      <ul className="space-y-3">
        {requests.map((r) => (
          <li key={r.partyId} className="space-y-1">
            <p>
              {t("share.mentionLine", {
                declarer: r.declaredBy ?? "—",
                role: labelOf(t, "alliance.partnerRoles", r.role),
                title: r.title,
              })}
            </p>
            {r.summary ? <p className="text-sm text-slate-800">{r.summary}</p> : null}
            {canAnswer ? (
              <div className="flex flex-wrap gap-3">
                <Button
                  className="px-3 py-1"
                  onClick={() => answer.mutate({ workspaceSlug, partyId: r.partyId, appear: true })}
                  disabled={answer.isPending}
                >
                  {t("share.mentionGrant")}
                </Button>
                <Button
                  variant="secondary"
                  className="px-3 py-1"
                  onClick={() => answer.mutate({ workspaceSlug, partyId: r.partyId, appear: false })}
                  disabled={answer.isPending}
                >
                  {t("share.mentionRefuse")}
                </Button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <InlineFeedback error={errors.message} />
    </section>
  );
}
