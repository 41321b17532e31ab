"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextAreaField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { Notice } from "@/components/ui/notice";

export interface VerificationState {
  status: "none" | "requested" | "verified" | "refused" | "revoked";
  organisationName: string | null;
  note: string | null;
  requestedAt: Date | null;
  decidedAt: Date | null;
  hasIdentifier: boolean;
}

/** The workspace's claim to speak for its organisation: its state, and the request to a platform operator. */
export function VerificationSettings({ workspaceSlug, state }: { workspaceSlug: string; state: VerificationState }) {
  const t = useTranslations("verification");
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const request = useMutation(trpc.workspaces.requestVerification.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(request.error);
  const when = state.decidedAt ?? state.requestedAt;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-800">{t("intro")}</p>
      <Notice tone={state.status === "verified" ? "success" : "info"} testId="verification-status">
        {t(`status.${state.status}`, { name: state.organisationName ?? "" })}
        {when ? ` (${format.dateTime(when, { dateStyle: "medium" })})` : ""}
      </Notice>
      {!state.hasIdentifier ? (
        <p className="text-sm text-slate-800">{t("needIdentifier")}</p>
      ) : state.status === "verified" ? null : (
        <form
          className="space-y-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            request.mutate({ workspaceSlug, note });
          }}
        >
          <TextAreaField id="verification-note" label={t("note")} help={t("noteHelp")} value={note} onChange={(e) => setNote(e.target.value)} error={errors.fields.note} />
          <Button type="submit" disabled={request.isPending}>
            {state.status === "requested" ? t("requestAgain") : t("request")}
          </Button>
          <InlineFeedback error={errors.fields.note ? undefined : errors.message} success={request.isSuccess && t("requested")} />
        </form>
      )}
    </div>
  );
}
