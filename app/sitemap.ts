import type { MetadataRoute } from "next";
import { SDG_GOALS } from "@/domain/sdg";
import { territory } from "@/domain/territory-data";
import { env } from "@/env";
import { serverCaller } from "@/server/trpc/server-caller";

export const dynamic = "force-dynamic";

/** The public pages search engines may index: the library and each published alliance, the observatory with its régions and goals. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const base = env().APP_URL;
  const published = await (await serverCaller()).library.sitemap();
  return [
    { url: `${base}/bibliotheque`, changeFrequency: "daily" },
    { url: `${base}/observatoire`, changeFrequency: "daily" },
    { url: `${base}/observatoire/donnees`, changeFrequency: "monthly" },
    ...[...territory().regions.keys()].map((code) => ({
      url: `${base}/observatoire/regions/${code}`,
      changeFrequency: "daily" as const,
    })),
    ...SDG_GOALS.map((g) => ({ url: `${base}/observatoire/odd/${g.number}`, changeFrequency: "daily" as const })),
    ...published.map((a) => ({ url: `${base}/bibliotheque/${a.id}`, lastModified: a.updatedAt })),
  ];
}
