"use client";

import { useMutation } from "@tanstack/react-query";
import { formatDate } from "@/domain/dates";
import { useRouter } from "next/navigation";
import { useTranslations, useLocale } from "next-intl";
import { useState, type ReactNode } from "react";
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
  method?: string | null;
  siren?: string | null;
  /** The reader's latest ProConnect sign-in and whether its SIRET is of this workspace's SIREN. */
  proconnect?: { siret: string | null; assertedAt: Date; matches: boolean } | null;
}

/** The workspace's claim to speak for its organisation: its state, and the request to a platform operator. */
export function VerificationSettings({
  workspaceSlug,
  state,
  proconnect,
}: {
  workspaceSlug: string;
  state: VerificationState;
  proconnect?: ReactNode;
}) {
  const t = useTranslations("verification");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [note, setNote] = useState("");
  const request = useMutation(
    trpc.workspaces.requestVerification.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const errors = useMutationErrors(request.error);
  const when = state.decidedAt ?? state.requestedAt;
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-800">{t("intro")}</p>
      <Notice tone={state.status === "verified" ? "success" : "info"} testId="verification-status">
        {t(`status.${state.status}`, { name: state.organisationName ?? "" })}
        {when ? ` (${formatDate(when, locale, { dateStyle: "medium" })})` : ""}
        {state.status === "verified" && state.method
          ? ` ${t(state.method === "proconnect" ? "byProConnect" : "byOperator")}`
          : ""}
      </Notice>
      {state.proconnect && state.status !== "verified" && state.siren ? (
        <Notice tone={state.proconnect.matches ? "info" : "error"} testId="proconnect-result">
          {state.proconnect.siret
            ? t(state.proconnect.matches ? "proconnectMatch" : "proconnectMismatch", {
                siret: state.proconnect.siret,
                siren: state.siren,
                date: formatDate(state.proconnect.assertedAt, locale, { dateStyle: "medium", timeStyle: "short" }),
              })
            : t("proconnectNoSiret")}
        </Notice>
      ) : null}
      {proconnect && state.hasIdentifier && state.siren && state.status !== "verified" ? (
        <div className="space-y-2 rounded-md border border-slate-300 p-3">
          <p className="text-sm text-slate-800">{t("proconnectHow")}</p>
          {proconnect}
        </div>
      ) : null}
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
          <TextAreaField
            id="verification-note"
            label={t("note")}
            help={t("noteHelp")}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={errors.fields.note}
          />
          <Button type="submit" disabled={request.isPending}>
            {state.status === "requested" ? t("requestAgain") : t("request")}
          </Button>
          <InlineFeedback
            error={errors.fields.note ? undefined : errors.message}
            success={request.isSuccess && t("requested")}
          />
        </form>
      )}
    </div>
  );
}
