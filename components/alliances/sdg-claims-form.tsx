"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** This workspace's share of each SDG target of the alliance, next to what the other parties claim. */
export function SdgClaimsForm({
  workspaceSlug,
  allianceId,
  claims,
  canWrite,
}: {
  workspaceSlug: string;
  allianceId: string;
  claims: Array<{ target: string; mine: number; others: number }>;
  canWrite: boolean;
}) {
  const t = useTranslations("claims");
  const trpc = useTRPC();
  const router = useRouter();
  const [shares, setShares] = useState<Record<string, string>>(() =>
    Object.fromEntries(claims.map((c) => [c.target, c.mine ? String(c.mine) : ""])),
  );
  const save = useMutation(trpc.alliances.saveSdgClaims.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(save.error);
  if (claims.length === 0) return <p>{t("none")}</p>;
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const list = claims
      .map((c) => ({ target: c.target, sharePercent: Number(shares[c.target] || 0) }))
      .filter((c) => c.sharePercent > 0);
    save.mutate({ workspaceSlug, allianceId, claims: list });
  };
  const errorFor = (target: string) => {
    const i = claims
      .map((c) => c.target)
      .filter((c) => Number(shares[c] || 0) > 0)
      .indexOf(target);
    return i >= 0 ? errors.under(`claims.${i}`) : undefined;
  };
  return (
    <form onSubmit={submit} className="space-y-3" data-testid="sdg-claims">
      <div className="grid gap-3 sm:grid-cols-2">
        {claims.map((c) => (
          <div key={c.target}>
            <TextField
              id={`claim-${c.target}`}
              label={t("share", { target: c.target })}
              type="number"
              inputMode="numeric"
              min={0}
              max={100}
              value={shares[c.target] ?? ""}
              readOnly={!canWrite}
              onChange={(e) => setShares({ ...shares, [c.target]: e.target.value })}
              help={t("others", { percent: c.others })}
              error={errorFor(c.target)}
            />
          </div>
        ))}
      </div>
      {canWrite ? (
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
      ) : null}
      <InlineFeedback error={errors.message} success={save.isSuccess && t("saved")} />
    </form>
  );
}
