-- Every breakdown of a territorial dashboard in one call. The dashboard asked
-- app_territory_counts() once per breakdown (eleven at most), each checking the caller's
-- coordination again and, without filters, reading the summary on its own: about 4 ms of
-- PostgreSQL per dashboard, most of it that repeated set-up. This function checks once and,
-- when the summary serves every breakdown asked, reads them in one statement with the same
-- small-cell suppression per breakdown; otherwise it hands each breakdown to
-- app_territory_counts() as before (filtered figures, or no summary yet).
CREATE FUNCTION app_territory_counts_many(p_level text, p_code text, p_dimensions text[], p_mode text, p_goal int, p_stage text, p_year int)
  RETURNS TABLE (dimension text, key text, alliances int, organisations int, cents bigint, hours numeric)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM territory_coordinations c WHERE c.workspace_id = app_workspace_id() AND c.status = 'approved') THEN
    RAISE EXCEPTION 'no approved territorial coordination' USING ERRCODE = '42501';
  END IF;
  IF p_level NOT IN ('france', 'region', 'departement') OR EXISTS (
    SELECT 1 FROM unnest(p_dimensions) d
    WHERE d NOT IN ('total', 'mode', 'goal', 'target', 'kind', 'stage', 'year', 'region', 'departement', 'commune', 'epci')) THEN
    RAISE EXCEPTION 'unknown level or dimension' USING ERRCODE = '22023';
  END IF;
  IF p_mode IS NULL AND p_goal IS NULL AND p_stage IS NULL AND p_year IS NULL
    AND NOT EXISTS (
      SELECT 1 FROM unnest(p_dimensions) d
      WHERE NOT (d IN ('total', 'mode', 'goal', 'target', 'kind', 'stage', 'year')
                 OR (p_level = 'france' AND d IN ('region', 'departement'))
                 OR (p_level = 'region' AND d = 'departement')
                 OR (p_level = 'departement' AND d IN ('commune', 'epci'))))
    AND EXISTS (SELECT 1 FROM territory_statistics_refreshes)
  THEN
    RETURN QUERY
    SELECT d.dimension, c.key, c.alliances, c.organisations, c.cents, c.hours
    FROM unnest(p_dimensions) AS d(dimension)
    CROSS JOIN LATERAL app_territory_suppressed(ARRAY(
      SELECT ROW(s.key, s.alliances, s.organisations, s.cents, s.hours)::territory_cell FROM territory_statistics s
      WHERE s.level = p_level AND s.code = coalesce(p_code, '') AND s.dimension = d.dimension)) c;
    RETURN;
  END IF;
  RETURN QUERY
  SELECT d.dimension, c.key, c.alliances, c.organisations, c.cents, c.hours
  FROM unnest(p_dimensions) AS d(dimension)
  CROSS JOIN LATERAL app_territory_counts(p_level, p_code, d.dimension, p_mode, p_goal, p_stage, p_year) c;
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_territory_counts_many(text, text, text[], text, int, text, int) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_counts_many(text, text, text[], text, int, text, int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_counts_many(text, text, text[], text, int, text, int) TO maillage_app;
