import type { MetadataRoute } from "next";
import { env } from "@/env";
import { appDb } from "@/server/runtime";
import { publishedForSitemap } from "@/server/services/library/library";

export const dynamic = "force-dynamic";

/** The public pages search engines may index: the library and each published alliance. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL;
  const published = await publishedForSitemap(await appDb());
  return [
    { url: `${base}/bibliotheque`, changeFrequency: "daily" },
    ...published.map((a) => ({ url: `${base}/bibliotheque/${a.id}`, lastModified: a.updatedAt })),
  ];
}
