import { TRPCError } from "@trpc/server";
import { getLocale } from "next-intl/server";
import type { Locale } from "@/messages/locales";
import { toolMarkdown } from "@/server/files/tool-text";
import { download } from "@/server/http/download";
import { serverCaller } from "@/server/trpc/server-caller";

/** A public tool as a Markdown file to keep or fill in. */
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const locale = (await getLocale()) as Locale;
  return download(`outil-${slug.slice(0, 80)}`, "md", async () => {
    const tool = await (await serverCaller()).tools.get({ slug, locale });
    if (!tool) throw new TRPCError({ code: "NOT_FOUND" });
    return toolMarkdown(tool);
  });
}
