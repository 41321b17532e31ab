import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { franceMapSvg, type MapCell } from "@/components/territories/france-map";
import { serverCaller } from "@/server/trpc/server-caller";

/**
 * The observatory's map of France by département (or of one région's départements), as an SVG
 * image. Served apart from the page, which shows it as an <img> beside the table of the same
 * figures: the page stays small, and browsers and caches keep the map until the figures change.
 */
export async function GET(request: Request) {
  const url = new URL(request.url);
  const region = url.searchParams.get("region");
  let data;
  try {
    data = await (
      await serverCaller()
    ).observatory.get(region ? { scope: "region", code: region } : { scope: "france" });
  } catch {
    return new Response("Not found", { status: 404 });
  }
  // The names inside depend on the language: it is part of the validator.
  const etag = `"${data.refreshedAt?.getTime() ?? 0}-${data.code}-map-${await getLocale()}"`;
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Cache-Control": "public, max-age=300",
    ETag: etag,
  };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  const t = await getTranslations();
  const rows = data.tables.departement ?? [];
  const cells = new Map<string, MapCell>(
    rows.map((r) => [
      r.key,
      { code: r.key, name: data.names.departement[r.key] ?? r.key, alliances: r.alliances, known: true },
    ]),
  );
  const svg = franceMapSvg({
    label: t("observatory.mapLabel"),
    cells,
    hrefFor: () => "#",
    outline: new Set<string>(),
    focus: region ? new Set(rows.map((r) => r.key)) : undefined,
    hiddenLabel: t("observatory.hidden"),
    overseasLabel: t("territory.overseas"),
    countLabel: (c: MapCell) => t("territory.mapCount", { count: c.alliances ?? 0 }),
  });
  return new Response(svg, { headers });
}
