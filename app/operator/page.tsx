import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import { notFound } from "next/navigation";
import { getTranslations, getLocale } from "next-intl/server";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { DecideButtons } from "@/components/territories/decide-buttons";
import { VerificationDecision } from "@/components/verification/verification-decision";
import { requireUser, serverCaller } from "@/server/trpc/server-caller";
import { labelOf } from "@/messages/labels";

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
    <section aria-labelledby="operator-title" className="space-y-4">
      <h1 id="operator-title" className="text-2xl font-bold">
        {t("operator.title")}
      </h1>
      <p className="text-slate-800">{t("operator.intro")}</p>
      {requests.length === 0 ? (
        <p>{t("operator.none")}</p>
      ) : (
        <table className="w-full border-collapse text-left text-sm" data-testid="operator-requests">
          <caption className="sr-only">{t("operator.title")}</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2 pr-4">
                {t("operator.workspace")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("operator.territory")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("operator.reason")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("operator.status")}
              </th>
              <th scope="col" className="py-2 pr-4">
                {t("operator.decision")}
              </th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-4 font-normal">
                  {r.workspaceName}{" "}
                  <span className="block text-xs text-slate-700">
                    {labelOf(t, "workspaceKinds", r.workspaceKind)} ·{" "}
                    {formatDate(r.createdAt, locale, { dateStyle: "medium" })}
                  </span>
                </th>
                <td className="py-2 pr-4">
                  {t(`territory.levels.${r.level}`)} {label(r.level, r.code)}
                </td>
                <td className="py-2 pr-4">{r.reason}</td>
                <td className="py-2 pr-4">
                  {t(`territory.status.${r.status}`)}
                  {r.decidedBy ? <span className="block text-xs text-slate-700">{r.decidedBy}</span> : null}
                </td>
                <td className="py-2 pr-4">
                  <DecideButtons id={r.id} label={`${r.workspaceName}, ${label(r.level, r.code)}`} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <section aria-labelledby="claims-title" className="space-y-3 pt-6">
        <h2 id="claims-title" className="text-xl font-semibold">
          {t("verification.operatorTitle")}
        </h2>
        <p className="text-slate-800">{t("verification.operatorIntro")}</p>
        {claims.length === 0 ? (
          <p>{t("verification.operatorNone")}</p>
        ) : (
          <table className="w-full border-collapse text-left text-sm" data-testid="operator-claims">
            <caption className="sr-only">{t("verification.operatorTitle")}</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2 pr-4">
                  {t("operator.workspace")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("verification.organisation")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("verification.note")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("operator.status")}
                </th>
                <th scope="col" className="py-2 pr-4">
                  {t("operator.decision")}
                </th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id} className="border-b border-slate-200 align-top">
                  <th scope="row" className="py-2 pr-4 font-normal">
                    {c.workspaceName}{" "}
                    <span className="block text-xs text-slate-700">
                      {labelOf(t, "workspaceKinds", c.workspaceKind)} ·{" "}
                      {formatDate(c.requestedAt, locale, { dateStyle: "medium" })}
                    </span>
                  </th>
                  <td className="py-2 pr-4">
                    {c.organisationName}
                    <span className="block text-xs text-slate-700">
                      {[c.siren ? `SIREN ${c.siren}` : null, c.rna ? `RNA ${c.rna}` : null].filter(Boolean).join(" · ")}
                    </span>
                    {c.verifiedElsewhere ? (
                      <span className="block text-xs text-red-800">
                        {t("verification.verifiedElsewhere", { name: c.verifiedElsewhere })}
                      </span>
                    ) : null}
                  </td>
                  <td className="py-2 pr-4">{c.note}</td>
                  <td className="py-2 pr-4">
                    {t(`verification.claimStatus.${c.status}`)}
                    {c.decidedBy ? <span className="block text-xs text-slate-700">{c.decidedBy}</span> : null}
                  </td>
                  <td className="py-2 pr-4">
                    <VerificationDecision
                      id={c.id}
                      status={c.status}
                      label={`${c.workspaceName}, ${c.organisationName}`}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
