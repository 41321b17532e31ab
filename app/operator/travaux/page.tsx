import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { RetryJobButton } from "@/components/operator/retry-job-button";
import { DataTable } from "@/components/ui/data-table";
import { formatDate } from "@/domain/dates";
import { requireUser, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("operator.jobs"))("title") };
}

/** Operators see the background jobs' queues and run failed jobs again; anyone else gets 404. */
export default async function OperatorJobsPage() {
  await requireUser();
  const { queues, failed } = await (await serverCaller()).operator.jobs().catch(() => notFound());
  const t = await getTranslations();
  const locale = await getLocale();
  const when = (date: Date | null) =>
    date ? formatDate(date, locale, { dateStyle: "short", timeStyle: "short" }) : "—";
  return (
    <ScopedMessages scope="operatorJobs">
      <div className="space-y-6">
        <p>
          <Link href="/operator">← {t("operator.title")}</Link>
        </p>
        <h1 className="text-2xl font-bold">{t("operator.jobs.title")}</h1>
        <p className="max-w-3xl text-slate-800">{t("operator.jobs.intro")}</p>
        <DataTable
          caption={t("operator.jobs.queues")}
          testId="operator-queues"
          rows={queues}
          rowKey={(q) => q.name}
          columns={[
            { key: "queue", header: t("operator.jobs.queue"), rowHeader: true, cell: (q) => <code>{q.name}</code> },
            { key: "waiting", header: t("operator.jobs.waiting"), className: "tabular-nums", cell: (q) => q.waiting },
            { key: "running", header: t("operator.jobs.running"), className: "tabular-nums", cell: (q) => q.running },
            { key: "failed", header: t("operator.jobs.failed"), className: "tabular-nums", cell: (q) => q.failed },
            {
              key: "done",
              header: t("operator.jobs.doneLastHour"),
              className: "tabular-nums",
              cell: (q) => q.doneLastHour,
            },
          ]}
        />
        <h2 className="text-xl font-semibold">{t("operator.jobs.failedJobs")}</h2>
        {failed.length === 0 ? (
          <p>{t("operator.jobs.noneFailed")}</p>
        ) : (
          <DataTable
            caption={t("operator.jobs.failedJobs")}
            testId="operator-failed-jobs"
            rows={failed}
            rowKey={(j) => j.id}
            columns={[
              { key: "queue", header: t("operator.jobs.queue"), rowHeader: true, cell: (j) => <code>{j.name}</code> },
              { key: "reason", header: t("operator.jobs.reason"), cell: (j) => j.reason ?? "—" },
              {
                key: "attempts",
                header: t("operator.jobs.attempts"),
                className: "tabular-nums",
                cell: (j) => j.attempts,
              },
              { key: "failedAt", header: t("operator.jobs.failedAt"), cell: (j) => when(j.failedAt) },
              {
                key: "retry",
                header: t("operator.jobs.retry"),
                cell: (j) => <RetryJobButton name={j.name} id={j.id} label={`${j.name} ${when(j.failedAt)}`} />,
              },
            ]}
          />
        )}
      </div>
    </ScopedMessages>
  );
}
