import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { EvaluationLight } from "@/components/evaluation/status-light";
import { Pager } from "@/components/ui/pager";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";

type Props = { params: Promise<{ workspaceSlug: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("risk"))("title") };
}

/** The workspace's live alliances that show a risk signal, each with the reasons in words, 50 per page. */
export default async function AtRiskPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const asked = Number((await searchParams).page);
  const page = Number.isInteger(asked) && asked >= 1 && asked <= 100_000 ? asked : 1;
  const caller = await serverCaller();
  const result = await readOrNotFound(() => caller.evaluation.atRisk({ workspaceSlug, page, pageSize: 50 }));
  const items = result.items;
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const t = await getTranslations();
  const base = `/w/${workspaceSlug}/alliances`;
  return (
    <section aria-labelledby="risk-title" className="space-y-4">
      <p className="text-sm">
        <Link href={base}>{t("alliances.title")}</Link>
      </p>
      <h1 id="risk-title" className="text-2xl font-bold">
        {t("risk.title")}
      </h1>
      <p className="text-slate-800">{t("risk.intro")}</p>
      {result.total > 0 ? <p>{t("risk.count", { count: result.total })}</p> : null}
      {items.length === 0 ? (
        <p>{t("risk.none")}</p>
      ) : (
        <ul className="space-y-2" data-testid="at-risk">
          {items.map((a) => (
            <li key={a.id} className="rounded-md border border-slate-300 bg-white p-3">
              <Link href={`${base}/${a.id}`} className="font-medium">
                {a.title}
              </Link>{" "}
              · <EvaluationLight light={a.light} />
              <ul className="mt-1 list-disc pl-6 text-sm">
                {a.reasons.map((r) => (
                  <li key={r}>{t(`risk.reasons.${r}`)}</li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <Pager page={result.page} pages={pages} href={(page) => `${base}/at-risk?page=${page}`} />
    </section>
  );
}
