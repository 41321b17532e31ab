import type { Metadata } from "next";
import { formatDate } from "@/domain/dates";
import Link from "next/link";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { ImportUpload } from "@/components/exchange/import-upload";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Props = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("title") };
}

/** Import alliances from a spreadsheet: the template, the upload, and the recent imports. */
export default async function ImportPage({ params }: Props) {
  const { workspaceSlug } = await params;
  const t = await getTranslations("import");
  const locale = await getLocale();
  const caller = await serverCaller();
  const imports = await readOrNotFound(() => caller.imports.list({ workspaceSlug }));
  const base = `/w/${workspaceSlug}/alliances/import`;
  return (
    <ScopedMessages scope="allianceImport">
      <div className="max-w-4xl space-y-6">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p>{t("intro")}</p>
        <section aria-labelledby="template-title" className="space-y-2 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="template-title" className="text-lg font-semibold">
            {t("template.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("template.help")}</p>
          <ul className="flex flex-wrap gap-4">
            <li>
              <a href={`${base}/template?format=xlsx`} download>
                {t("template.xlsx")}
              </a>
            </li>
            <li>
              <a href={`${base}/template?format=csv`} download>
                {t("template.csv")}
              </a>
            </li>
          </ul>
        </section>
        <ImportUpload workspaceSlug={workspaceSlug} />
        {imports.length ? (
          <section aria-labelledby="recent-title" className="space-y-2">
            <h2 id="recent-title" className="text-lg font-semibold">
              {t("recent.title")}
            </h2>
            <ul className="space-y-1">
              {imports.map((i) => (
                <li key={i.id}>
                  <Link href={`${base}/${i.id}`}>{i.fileName}</Link> — {t(`status.${i.status}`)},{" "}
                  {formatDate(i.createdAt, locale, { dateStyle: "medium", timeStyle: "short" })}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </ScopedMessages>
  );
}
