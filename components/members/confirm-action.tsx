"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

type Props =
  | { kind: "remove"; workspaceSlug: string; userId: string; label: string; confirmText?: string; doneText?: string }
  | { kind: "leave"; workspaceSlug: string; label: string; confirmText?: string; doneText?: string }
  | {
      kind: "revoke";
      workspaceSlug: string;
      invitationId: string;
      label: string;
      confirmText?: string;
      doneText?: string;
    };

/** A destructive membership action; with `confirmText` it asks once more, inline, before acting. */
export function ConfirmAction(props: Props) {
  const t = useTranslations("app");
  const trpc = useTRPC();
  const router = useRouter();
  const [asking, setAsking] = useState(false);
  const onSuccess = () => {
    setAsking(false);
    if (props.kind === "leave") router.push("/workspaces");
    router.refresh();
  };
  const remove = useMutation(trpc.members.remove.mutationOptions({ onSuccess }));
  const leave = useMutation(trpc.members.leave.mutationOptions({ onSuccess }));
  const revoke = useMutation(trpc.memberInvitations.revoke.mutationOptions({ onSuccess }));
  const active = props.kind === "remove" ? remove : props.kind === "leave" ? leave : revoke;
  const errors = useMutationErrors(active.error);

  const run = () => {
    if (props.kind === "remove") remove.mutate({ workspaceSlug: props.workspaceSlug, userId: props.userId });
    else if (props.kind === "leave") leave.mutate({ workspaceSlug: props.workspaceSlug });
    else revoke.mutate({ workspaceSlug: props.workspaceSlug, invitationId: props.invitationId });
  };

  return (
    <div className="flex flex-wrap items-center gap-2">
      {asking && props.confirmText ? (
        <>
          <span role="status" className="text-sm">
            {props.confirmText}
          </span>
          <Button variant="danger" className="px-3 py-1" onClick={run} disabled={active.isPending}>
            {props.label}
          </Button>
          <Button variant="secondary" className="px-3 py-1" onClick={() => setAsking(false)}>
            {t("cancel")}
          </Button>
        </>
      ) : (
        <Button
          variant="danger"
          className="px-3 py-1"
          onClick={() => (props.confirmText ? setAsking(true) : run())}
          disabled={active.isPending}
        >
          {props.label}
        </Button>
      )}
      <InlineFeedback error={errors.message} success={active.isSuccess && props.doneText} />
    </div>
  );
}
