import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { framingSheetPdf } from "@/server/files/framing-sheet-pdf";
import { download } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/** The alliance's framing sheet as a PDF, from the questioning process (same checks as its page). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ workspaceSlug: string; allianceId: string }> },
) {
  const { workspaceSlug, allianceId } = await params;
  const locale = (await getLocale()) as Locale;
  return download(`fiche-de-cadrage-${allianceId.slice(0, 8)}`, "pdf", async () =>
    framingSheetPdf(await (await serverCaller()).guide.get({ workspaceSlug, allianceId }), locale),
  );
}
