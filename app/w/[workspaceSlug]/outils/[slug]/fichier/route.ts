import { TRPCError } from "@trpc/server";
import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { toolMarkdown } from "@/server/files/tool-text";
import { download } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/** A tool of the workspace (its own or the catalogue's) as a Markdown file; same checks as its page. */
export async function GET(_request: Request, { params }: { params: Promise<{ workspaceSlug: string; slug: string }> }) {
  const { workspaceSlug, slug } = await params;
  const locale = (await getLocale()) as Locale;
  return download(`outil-${slug.slice(0, 80)}`, "md", async () => {
    const tool = await (await serverCaller()).tools.find({ workspaceSlug, slug, locale });
    if (!tool) throw new TRPCError({ code: "NOT_FOUND" });
    return toolMarkdown(tool);
  });
}
