import { departementsSprite } from "@/components/territories/france-map";

/**
 * The départements' outlines as one SVG file of symbols, used by every map of the app
 * (components/territories/france-map.tsx). Built once; its address carries a hash of its
 * content, so it may be kept for a year.
 */
export const dynamic = "force-static";

export function GET() {
  return new Response(departementsSprite(), {
    headers: {
      "content-type": "image/svg+xml; charset=utf-8",
      "cache-control": "public, max-age=31536000, immutable",
    },
  });
}
