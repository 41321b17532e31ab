import type { MetadataRoute } from "next";
import { env } from "@/env";
import { serverCaller } from "@/server/trpc/server-caller";

export const dynamic = "force-dynamic";

/** The public pages search engines may index: the library and each published alliance. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL;
  const published = await (await serverCaller()).library.sitemap();
  return [
    { url: `${base}/bibliotheque`, changeFrequency: "daily" },
    ...published.map((a) => ({ url: `${base}/bibliotheque/${a.id}`, lastModified: a.updatedAt })),
  ];
}
