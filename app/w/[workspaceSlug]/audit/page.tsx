import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { z } from "zod";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";
import { labelOf, messageOr } from "@/messages/labels";
import { DataTable } from "@/components/ui/data-table";

type Props = { params: Promise<{ workspaceSlug: string }>; searchParams: Promise<{ before?: string; id?: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

const Cursor = z.object({ before: z.coerce.date(), id: z.uuid() });

const HIDDEN_FIELDS = new Set(["id", "createdAt", "updatedAt", "workspaceId"]);

/** The before/after snapshot as "field: value" lines, technical fields left out. */
function Values({
  value,
  label,
  show,
}: {
  value: unknown;
  label: (field: string) => string;
  show: (field: string, value: string) => string;
}) {
  if (value === null || typeof value !== "object") return <span className="text-slate-700">—</span>;
  const entries = Object.entries(value as Record<string, unknown>).filter(([k]) => !HIDDEN_FIELDS.has(k));
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-2 text-xs">
      {entries.map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="font-medium">{label(k)}</dt>
          <dd className="break-all">{v === null || v === undefined || v === "" ? "—" : show(k, String(v))}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function AuditPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const t = await getTranslations("audit");
  const locale = await getLocale();
  const parsed = Cursor.safeParse(await searchParams);
  const cursor = parsed.success ? { createdAt: parsed.data.before, id: parsed.data.id } : null;
  const root = await getTranslations();
  const showValue = (field: string, value: string) => {
    const key = field === "role" ? `roles.${value}` : field === "kind" ? `workspaceKinds.${value}` : null;
    return key ? messageOr(root, key, value) : value;
  };
  const fieldLabel = (field: string) => (t.has(`fields.${field}`) ? labelOf(t, "fields", field) : field);
  const page = await readOrNotFound(async () =>
    (await serverCaller()).audit.list({ workspaceSlug, limit: 50, cursor }),
  );
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-slate-800">{t("intro")}</p>
      {page.items.length === 0 ? (
        <p>{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("title")}
          testId="audit-table"
          rows={page.items}
          rowKey={(e) => e.id}
          columns={[
            {
              key: "when",
              header: t("when"),
              className: "whitespace-nowrap",
              cell: (e) => formatDate(e.createdAt, locale, { dateStyle: "short", timeStyle: "medium" }),
            },
            {
              key: "who",
              header: t("who"),
              cell: (e) => e.actorEmail ?? (e.actorUserId ? t("formerMember") : t("system")),
            },
            { key: "action", header: t("action"), rowHeader: true, cell: (e) => labelOf(t, "actions", e.action) },
            {
              key: "before",
              header: t("before"),
              cell: (e) => <Values value={e.before} label={fieldLabel} show={showValue} />,
            },
            {
              key: "after",
              header: t("after"),
              cell: (e) => <Values value={e.after} label={fieldLabel} show={showValue} />,
            },
          ]}
        />
      )}
      {page.nextCursor ? (
        <Link
          href={`/w/${workspaceSlug}/audit?before=${page.nextCursor.createdAt.toISOString()}&id=${page.nextCursor.id}`}
        >
          {t("more")}
        </Link>
      ) : null}
    </section>
  );
}
