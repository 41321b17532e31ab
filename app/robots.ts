import type { MetadataRoute } from "next";
import { env } from "@/env";

export const dynamic = "force-dynamic";

/** Only the public library is for search engines; workspaces, invitations and the API are not. */
export default function robots(): MetadataRoute.Robots {
  return {
    rules: {
      userAgent: "*",
      allow: ["/bibliotheque"],
      disallow: ["/w/", "/api/", "/invitations/", "/alliance-invitations/", "/workspaces", "/signin"],
    },
    sitemap: `${env().APP_URL}/sitemap.xml`,
  };
}
