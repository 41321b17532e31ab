import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/domain/dates";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { DataTable } from "@/components/ui/data-table";
import { Section } from "@/components/ui/section";
import { DecideButtons } from "@/components/territories/decide-buttons";
import { VerificationDecision } from "@/components/verification/verification-decision";
import { requireUser, serverCaller } from "@/server/trpc/server-caller";
import { labelOf } from "@/messages/labels";
import { ScopedMessages } from "@/components/providers/scoped-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("operator"))("title") };
}

/** Platform operators approve or refuse territorial coordination requests; anyone else gets 404. */
export default async function OperatorPage() {
  await requireUser();
  const caller = await serverCaller();
  const requests = await caller.operator.requests().catch(() => notFound());
  const claims = await caller.operator.verifications();
  const t = await getTranslations();
  const locale = await getLocale();
  const places = allianceFormOptions();
  const label = (level: string, code: string) =>
    (level === "region" ? places.regions : places.departements).find((p) => p.code === code)?.label ?? code;
  return (
    <ScopedMessages scope="operator">
      <section aria-labelledby="operator-title" className="space-y-4">
        <h1 id="operator-title" className="text-2xl font-bold">
          {t("operator.title")}
        </h1>
        <p className="text-slate-800">{t("operator.intro")}</p>
        <p className="flex flex-wrap gap-4">
          <Link href="/operator/outils">{t("tools.operatorTitle")}</Link>
          <Link href="/operator/travaux">{t("operator.jobs.link")}</Link>
        </p>
        {requests.length === 0 ? (
          <p>{t("operator.none")}</p>
        ) : (
          <DataTable
            caption={t("operator.title")}
            testId="operator-requests"
            rows={requests}
            rowKey={(r) => r.id}
            columns={[
              {
                key: "workspace",
                header: t("operator.workspace"),
                rowHeader: true,
                cell: (r) => (
                  <>
                    {r.workspaceName}{" "}
                    <span className="block text-xs text-slate-700">
                      {labelOf(t, "workspaceKinds", r.workspaceKind)} ·{" "}
                      {formatDate(r.createdAt, locale, { dateStyle: "medium" })}
                    </span>
                  </>
                ),
              },
              {
                key: "territory",
                header: t("operator.territory"),
                cell: (r) => (
                  <>
                    {t(`territory.levels.${r.level}`)} {label(r.level, r.code)}
                  </>
                ),
              },
              { key: "reason", header: t("operator.reason"), cell: (r) => r.reason },
              {
                key: "status",
                header: t("operator.status"),
                cell: (r) => (
                  <>
                    {t(`territory.status.${r.status}`)}
                    {r.decidedBy ? <span className="block text-xs text-slate-700">{r.decidedBy}</span> : null}
                  </>
                ),
              },
              {
                key: "decision",
                header: t("operator.decision"),
                cell: (r) => <DecideButtons id={r.id} label={`${r.workspaceName}, ${label(r.level, r.code)}`} />,
              },
            ]}
          />
        )}
        <Section id="claims-title" title={t("verification.operatorTitle")} className="space-y-3 pt-6">
          <p className="text-slate-800">{t("verification.operatorIntro")}</p>
          {claims.length === 0 ? (
            <p>{t("verification.operatorNone")}</p>
          ) : (
            <DataTable
              caption={t("verification.operatorTitle")}
              testId="operator-claims"
              rows={claims}
              rowKey={(c) => c.id}
              columns={[
                {
                  key: "workspace",
                  header: t("operator.workspace"),
                  rowHeader: true,
                  cell: (c) => (
                    <>
                      {c.workspaceName}{" "}
                      <span className="block text-xs text-slate-700">
                        {labelOf(t, "workspaceKinds", c.workspaceKind)} ·{" "}
                        {formatDate(c.requestedAt, locale, { dateStyle: "medium" })}
                      </span>
                    </>
                  ),
                },
                {
                  key: "organisation",
                  header: t("verification.organisation"),
                  cell: (c) => (
                    <>
                      {c.organisationName}
                      <span className="block text-xs text-slate-700">
                        {[c.siren ? `SIREN ${c.siren}` : null, c.rna ? `RNA ${c.rna}` : null]
                          .filter(Boolean)
                          .join(" · ")}
                      </span>
                      {c.verifiedElsewhere ? (
                        <span className="block text-xs text-red-800">
                          {t("verification.verifiedElsewhere", { name: c.verifiedElsewhere })}
                        </span>
                      ) : null}
                    </>
                  ),
                },
                { key: "note", header: t("verification.note"), cell: (c) => c.note },
                {
                  key: "status",
                  header: t("operator.status"),
                  cell: (c) => (
                    <>
                      {t(`verification.claimStatus.${c.status}`)}
                      {c.decidedBy ? <span className="block text-xs text-slate-700">{c.decidedBy}</span> : null}
                    </>
                  ),
                },
                {
                  key: "decision",
                  header: t("operator.decision"),
                  cell: (c) => (
                    <VerificationDecision
                      id={c.id}
                      status={c.status}
                      label={`${c.workspaceName}, ${c.organisationName}`}
                    />
                  ),
                },
              ]}
            />
          )}
        </Section>
      </section>
    </ScopedMessages>
  );
}
