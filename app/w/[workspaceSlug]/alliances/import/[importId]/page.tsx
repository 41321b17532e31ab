import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { ImportReview } from "@/components/exchange/import-review";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Props = { params: Promise<{ workspaceSlug: string; importId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("import"))("review.title") };
}

/** One uploaded file: mapping, dry run, partner choices, import and its progress. */
export default async function ImportReviewPage({ params }: Props) {
  const { workspaceSlug, importId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(importId)) notFound();
  const t = await getTranslations("import");
  const caller = await serverCaller();
  await readOrNotFound(() => caller.imports.get({ workspaceSlug, id: importId }));
  return (
    <ScopedMessages scope="importReview">
      <div className="max-w-5xl space-y-4">
        <p>
          <Link href={`/w/${workspaceSlug}/alliances/import`}>{t("back")}</Link>
        </p>
        <h1 className="text-2xl font-bold">{t("review.title")}</h1>
        <ImportReview workspaceSlug={workspaceSlug} importId={importId} />
      </div>
    </ScopedMessages>
  );
}
