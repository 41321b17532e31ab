"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** The workspace's statistics opt-out, and its requests to coordinate a territory. */
export function TerritorySettings({
  workspaceSlug,
  statistics,
  requests,
  regions,
  departements,
}: {
  workspaceSlug: string;
  statistics: boolean;
  requests: Array<{
    id: string;
    level: "region" | "departement";
    code: string;
    status: "requested" | "approved" | "refused";
    label: string;
  }>;
  regions: Array<{ code: string; label: string }>;
  departements: Array<{ code: string; label: string }>;
}) {
  const t = useTranslations("territory");
  const trpc = useTRPC();
  const router = useRouter();
  const [enabled, setEnabled] = useState(statistics);
  const [level, setLevel] = useState<"region" | "departement">("departement");
  const [code, setCode] = useState("");
  const [reason, setReason] = useState("");
  const setStats = useMutation(trpc.territories.setStatistics.mutationOptions({ onSuccess: () => router.refresh() }));
  const request = useMutation(
    trpc.territories.requestCoordination.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const statsErrors = useMutationErrors(setStats.error);
  const requestErrors = useMutationErrors(request.error);
  const places = level === "region" ? regions : departements;
  return (
    <div className="space-y-6">
      <form
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          setStats.mutate({ workspaceSlug, enabled });
        }}
      >
        <label className="flex items-start gap-2">
          <input
            type="checkbox"
            className="mt-1 h-4 w-4"
            checked={enabled}
            onChange={(e) => setEnabled(e.target.checked)}
            aria-describedby="stats-help"
          />
          <span className="font-medium">{t("statistics")}</span>
        </label>
        <p id="stats-help" className="text-sm text-slate-800">
          {t("statisticsHelp")}
        </p>
        <Button type="submit" variant="secondary" disabled={setStats.isPending}>
          {t("saveStatistics")}
        </Button>
        <InlineFeedback error={statsErrors.message} success={setStats.isSuccess && t("statisticsSaved")} />
      </form>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          request.mutate({ workspaceSlug, level, code, reason: reason || null });
        }}
      >
        <h3 className="font-semibold">{t("request")}</h3>
        <div className="grid gap-3 sm:grid-cols-2">
          <SelectField
            id="coord-level"
            label={t("level")}
            value={level}
            onChange={(e) => {
              setLevel(e.target.value as "region" | "departement");
              setCode("");
            }}
            options={(["departement", "region"] as const).map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          />
          <SelectField
            id="coord-code"
            label={t("code")}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            options={[{ value: "", label: "—" }, ...places.map((p) => ({ value: p.code, label: p.label }))]}
            error={requestErrors.fields.code}
          />
        </div>
        <TextField id="coord-reason" label={t("reason")} value={reason} onChange={(e) => setReason(e.target.value)} />
        <Button type="submit" disabled={request.isPending || !code}>
          {t("send")}
        </Button>
        <InlineFeedback
          error={requestErrors.fields.code ? undefined : requestErrors.message}
          success={request.isSuccess && t("sent")}
        />
      </form>
      {requests.length ? (
        <div>
          <h3 className="font-semibold">{t("mine")}</h3>
          <ul className="text-sm" data-testid="coordination-requests">
            {requests.map((r) => (
              <li key={r.id}>
                {t(`levels.${r.level}`)} {r.label} : {t(`status.${r.status}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
