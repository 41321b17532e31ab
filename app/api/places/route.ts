import { allianceFormOptions } from "@/components/alliances/form-options";

/**
 * The régions and départements the alliance list's "Plus de filtres" offers, asked for by the
 * browser when a person first opens it (components/alliances/more-filters.tsx) instead of
 * travelling with every list page (about 6 kB of its payload). Public administrative data, the
 * same for every visitor and language: rendered once at build time, kept by browsers for a day.
 */
export const dynamic = "force-static";

export function GET() {
  const { regions, departements } = allianceFormOptions();
  return Response.json({ regions, departements }, { headers: { "Cache-Control": "public, max-age=86400" } });
}
