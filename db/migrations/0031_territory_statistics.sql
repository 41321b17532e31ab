-- Territorial statistics at national scale: the unfiltered breakdowns of the territorial
-- dashboard are read from a summary that the job runner recomputes (see
-- server/services/territories/statistics.ts), instead of aggregating up to 1.2 million
-- alliances per call. The summary holds raw cells; small-cell suppression still happens when
-- they are read, and only through app_territory_counts, which keeps its checks: the request
-- role has no right on the tables below.
CREATE TABLE territory_statistics (
  level text NOT NULL,
  code text NOT NULL,
  dimension text NOT NULL,
  key text NOT NULL,
  alliances integer NOT NULL,
  organisations integer NOT NULL,
  cents bigint NOT NULL,
  hours numeric NOT NULL,
  PRIMARY KEY (level, code, dimension, key)
);
--> statement-breakpoint
CREATE TABLE territory_statistics_refreshes (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  refreshed_at timestamptz NOT NULL,
  duration_ms integer NOT NULL,
  alliances integer NOT NULL,
  cells integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE territory_statistics ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE territory_statistics_refreshes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY territory_statistics_statistician ON territory_statistics FOR ALL TO maillage_statistician USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY territory_statistics_refreshes_statistician ON territory_statistics_refreshes FOR ALL TO maillage_statistician USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON territory_statistics TO maillage_statistician;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON territory_statistics_refreshes TO maillage_statistician;
--> statement-breakpoint
DROP FUNCTION IF EXISTS app_territory_counts(text, text, text, text, int, text, int);
--> statement-breakpoint
CREATE TYPE territory_cell AS (key text, alliances int, organisations int, cents bigint, hours numeric);
--> statement-breakpoint
-- Small-cell suppression, as in 0021: a cell under 3 alliances or 3 organisations is hidden, and
-- when exactly one cell of a breakdown is hidden, the smallest other one too, so the total
-- minus the others never reveals it.
CREATE FUNCTION app_territory_suppressed(p_cells territory_cell[])
  RETURNS TABLE (key text, alliances int, organisations int, cents bigint, hours numeric)
  LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp
  AS $$
  WITH marked AS (SELECT c.*, (c.alliances < 3 OR c.organisations < 3) AS small FROM unnest(p_cells) c),
  tally AS (SELECT count(*) FILTER (WHERE mk.small) AS hidden, count(*) AS total FROM marked mk),
  second AS (
    SELECT mk.key FROM marked mk, tally
    WHERE tally.hidden = 1 AND tally.total > 1 AND NOT mk.small
    ORDER BY mk.alliances, mk.key LIMIT 1
  ),
  shown AS (SELECT mk.*, NOT (mk.small OR mk.key IN (SELECT s2.key FROM second s2)) AS visible FROM marked mk)
  SELECT sh.key,
    CASE WHEN sh.visible THEN sh.alliances END,
    CASE WHEN sh.visible THEN sh.organisations END,
    CASE WHEN sh.visible THEN sh.cents END,
    CASE WHEN sh.visible THEN sh.hours END
  FROM shown sh ORDER BY sh.key $$;
--> statement-breakpoint
-- Same contract as in 0021, plus: without filters, the (level, dimension) pairs the dashboard
-- asks for come from the summary once it was computed; p_live forces the live aggregate (the
-- tests compare both). Two separate statements, so the summary's is small to plan.
CREATE FUNCTION app_territory_counts(p_level text, p_code text, p_dimension text, p_mode text, p_goal int, p_stage text, p_year int, p_live boolean DEFAULT false)
  RETURNS TABLE (key text, alliances int, organisations int, cents bigint, hours numeric)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM territory_coordinations c WHERE c.workspace_id = app_workspace_id() AND c.status = 'approved') THEN
    RAISE EXCEPTION 'no approved territorial coordination' USING ERRCODE = '42501';
  END IF;
  IF p_level NOT IN ('france', 'region', 'departement') OR p_dimension NOT IN ('total', 'mode', 'goal', 'target', 'kind', 'stage', 'year', 'region', 'departement', 'commune', 'epci') THEN
    RAISE EXCEPTION 'unknown level or dimension' USING ERRCODE = '22023';
  END IF;
  IF NOT p_live AND p_mode IS NULL AND p_goal IS NULL AND p_stage IS NULL AND p_year IS NULL
    AND (p_dimension IN ('total', 'mode', 'goal', 'target', 'kind', 'stage', 'year')
         OR (p_level = 'france' AND p_dimension IN ('region', 'departement'))
         OR (p_level = 'region' AND p_dimension = 'departement')
         OR (p_level = 'departement' AND p_dimension IN ('commune', 'epci')))
    AND EXISTS (SELECT 1 FROM territory_statistics_refreshes)
  THEN
    RETURN QUERY SELECT * FROM app_territory_suppressed(ARRAY(
      SELECT ROW(s.key, s.alliances, s.organisations, s.cents, s.hours)::territory_cell FROM territory_statistics s
      WHERE s.level = p_level AND s.code = coalesce(p_code, '') AND s.dimension = p_dimension));
    RETURN;
  END IF;
  RETURN QUERY
  WITH counted AS (
    SELECT a.id, a.stage, a.starts_on FROM alliances a
    WHERE a.archived_at IS NULL
      AND EXISTS (SELECT 1 FROM alliance_parties p WHERE p.alliance_id = a.id AND p.status = 'accepted' AND p.workspace_id IS NOT NULL)
      AND NOT EXISTS (SELECT 1 FROM alliance_parties p JOIN workspaces w ON w.id = p.workspace_id
                      WHERE p.alliance_id = a.id AND p.status = 'accepted' AND NOT w.territorial_statistics)
      AND (p_level = 'france'
           OR (p_level = 'region' AND EXISTS (SELECT 1 FROM alliance_territories t WHERE t.alliance_id = a.id AND t.region_code = p_code))
           OR (p_level = 'departement' AND EXISTS (SELECT 1 FROM alliance_territories t WHERE t.alliance_id = a.id AND t.departement_code = p_code)))
      AND (p_mode IS NULL OR (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1) = p_mode)
      AND (p_goal IS NULL OR EXISTS (SELECT 1 FROM alliance_sdg_targets s WHERE s.alliance_id = a.id AND s.goal = p_goal))
      AND (p_stage IS NULL OR a.stage::text = p_stage)
      AND (p_year IS NULL OR ((a.starts_on IS NULL OR a.starts_on <= make_date(p_year, 12, 31)) AND (a.ends_on IS NULL OR a.ends_on >= make_date(p_year, 1, 1))))
  ),
  keyed AS (
    SELECT c.id, k.key FROM counted c
    CROSS JOIN LATERAL (
      SELECT 'total'::text AS key WHERE p_dimension = 'total'
      UNION SELECT (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = c.id ORDER BY m.starts_on DESC LIMIT 1) WHERE p_dimension = 'mode'
      UNION SELECT s.goal::text FROM alliance_sdg_targets s WHERE p_dimension = 'goal' AND s.alliance_id = c.id
      UNION SELECT s.target FROM alliance_sdg_targets s WHERE p_dimension = 'target' AND s.alliance_id = c.id
      UNION SELECT o.kind::text FROM alliance_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p_dimension = 'kind' AND p.alliance_id = c.id AND p.status = 'accepted'
      UNION SELECT c.stage::text WHERE p_dimension = 'stage'
      UNION SELECT extract(year FROM c.starts_on)::int::text WHERE p_dimension = 'year' AND c.starts_on IS NOT NULL
      UNION SELECT t.region_code FROM alliance_territories t WHERE p_dimension = 'region' AND t.alliance_id = c.id AND t.region_code IS NOT NULL
      UNION SELECT t.departement_code FROM alliance_territories t WHERE p_dimension = 'departement' AND t.alliance_id = c.id AND t.departement_code IS NOT NULL
        AND (p_level <> 'region' OR t.region_code = p_code)
      UNION SELECT t.code FROM alliance_territories t WHERE p_dimension = 'commune' AND t.alliance_id = c.id AND t.level = 'commune'
        AND (p_level <> 'departement' OR t.departement_code = p_code)
      UNION SELECT t.code FROM alliance_territories t WHERE p_dimension = 'epci' AND t.alliance_id = c.id AND t.level = 'epci'
        AND (p_level <> 'departement' OR t.departement_code = p_code)
    ) k
    WHERE k.key IS NOT NULL
  )
  SELECT * FROM app_territory_suppressed(ARRAY(
    SELECT ROW(kd.key,
      count(DISTINCT kd.id)::int,
      (SELECT count(DISTINCT p.organisation_id)::int FROM alliance_parties p WHERE p.status = 'accepted' AND p.alliance_id IN (SELECT k2.id FROM keyed k2 WHERE k2.key = kd.key)),
      (SELECT coalesce(sum(x.value_cents), 0)::bigint FROM alliance_contributions x WHERE x.alliance_id IN (SELECT k2.id FROM keyed k2 WHERE k2.key = kd.key)),
      (SELECT coalesce(sum(x.quantity) FILTER (WHERE x.unit = 'heure'), 0) FROM alliance_contributions x WHERE x.alliance_id IN (SELECT k2.id FROM keyed k2 WHERE k2.key = kd.key)))::territory_cell
    FROM keyed kd GROUP BY kd.key));
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_territory_counts(text, text, text, text, int, text, int, boolean) OWNER TO maillage_statistician;
--> statement-breakpoint
ALTER FUNCTION app_territory_suppressed(territory_cell[]) OWNER TO maillage_statistician;
--> statement-breakpoint
ALTER TYPE territory_cell OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_counts(text, text, text, text, int, text, int, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_counts(text, text, text, text, int, text, int, boolean) TO maillage_app;
--> statement-breakpoint
-- When the summary was last computed (null before the first run), for the dashboard's caption.
CREATE FUNCTION app_territory_statistics_refreshed_at() RETURNS timestamptz
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT refreshed_at FROM territory_statistics_refreshes $$;
--> statement-breakpoint
ALTER FUNCTION app_territory_statistics_refreshed_at() OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_statistics_refreshed_at() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_statistics_refreshed_at() TO maillage_app;
