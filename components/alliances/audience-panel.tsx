"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";

type Audience = "parties" | "territory" | "public";

/**
 * The alliance's audience: what holds, what was asked, which co-owner agreed. Admins request a
 * wider audience, approve the one asked, or take the alliance back to its parties.
 */
export function AudiencePanel({
  workspaceSlug,
  allianceId,
  audience,
  canDecide,
}: {
  workspaceSlug: string;
  allianceId: string;
  audience: {
    requested: Audience;
    revision: number;
    effective: Audience;
    parties: Array<{ partyId: string; name: string; isMine: boolean; agrees: boolean }>;
  };
  canDecide: boolean;
}) {
  const t = useTranslations("audience");
  const trpc = useTRPC();
  const router = useRouter();
  const done = { onSuccess: () => router.refresh() };
  const request = useMutation(trpc.alliances.requestAudience.mutationOptions(done));
  const approve = useMutation(trpc.alliances.approveAudience.mutationOptions(done));
  const withdraw = useMutation(trpc.alliances.withdrawAudience.mutationOptions(done));
  const errors = useMutationErrors(request.error ?? approve.error ?? withdraw.error);
  const busy = request.isPending || approve.isPending || withdraw.isPending;
  const mine = audience.parties.find((p) => p.isMine);
  const level = (a: Audience) => t(`levels.${a}`);
  return (
    <div className="space-y-3" data-testid="audience-panel">
      <p className="font-medium" data-testid="audience-effective">
        {t("current", { audience: level(audience.effective) })}
      </p>
      {audience.requested !== "parties" ? (
        <div className="space-y-1">
          <p data-testid="audience-requested">{t("requested", { audience: level(audience.requested) })}</p>
          {audience.effective !== audience.requested ? <p className="text-amber-900">{t("pending")}</p> : null}
          <ul className="text-sm">
            {audience.parties.map((p) => (
              <li key={p.partyId}>
                {p.isMine ? `${p.name} (${t("you")})` : p.name} : {p.agrees ? t("agrees") : t("waiting")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-sm text-slate-700">{t("revisionNote")}</p>
      {canDecide ? (
        <div className="flex flex-wrap gap-2">
          {audience.requested !== "parties" && mine && !mine.agrees ? (
            <Button
              onClick={() => approve.mutate({ workspaceSlug, allianceId, revision: audience.revision })}
              disabled={busy}
            >
              {t("approve")}
            </Button>
          ) : null}
          {(["territory", "public"] as const)
            .filter((a) => a !== audience.requested)
            .map((a) => (
              <Button
                key={a}
                variant="secondary"
                onClick={() => request.mutate({ workspaceSlug, allianceId, audience: a })}
                disabled={busy}
              >
                {t("request", { audience: level(a) })}
              </Button>
            ))}
          {audience.requested !== "parties" ? (
            <Button variant="danger" onClick={() => withdraw.mutate({ workspaceSlug, id: allianceId })} disabled={busy}>
              {t("withdraw")}
            </Button>
          ) : null}
        </div>
      ) : (
        <p className="text-sm">{t("adminsOnly")}</p>
      )}
      <InlineFeedback error={errors.message} />
    </div>
  );
}
