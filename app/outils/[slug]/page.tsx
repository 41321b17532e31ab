import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { cache } from "react";
import { ToolView } from "@/components/tools/tool-view";
import type { Locale } from "@/messages/locales";
import { serverCaller } from "@/server/trpc/server-caller";

type Props = { params: Promise<{ slug: string }> };

export const dynamic = "force-dynamic";

const load = cache(async (slug: string) =>
  (await serverCaller()).tools.get({ slug, locale: (await getLocale()) as Locale }),
);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tool = await load((await params).slug);
  if (!tool) return { title: (await getTranslations("tools"))("notFound"), robots: { index: false } };
  return { title: tool.title, description: tool.summary };
}

/** One tool of the public catalogue. */
export default async function ToolPage({ params }: Props) {
  const { slug } = await params;
  const tool = await load(slug);
  if (!tool) notFound();
  return <ToolView tool={tool} backHref="/outils" fileHref={`/outils/${tool.slug}/fichier`} />;
}
