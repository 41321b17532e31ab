import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { maturityCsv } from "@/server/files/maturity-csv";
import { download } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/** The workspace's self-assessment history as CSV (same checks as its page). */
export async function GET(_request: Request, { params }: { params: Promise<{ workspaceSlug: string }> }) {
  const { workspaceSlug } = await params;
  const locale = (await getLocale()) as Locale;
  return download(`maturite-odd-${workspaceSlug}`, "csv", async () =>
    maturityCsv(await (await serverCaller()).maturity.get({ workspaceSlug, locale }), locale),
  );
}
