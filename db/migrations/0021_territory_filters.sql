-- The territorial dashboard takes the same filters as the others (mode, SDG goal, stage, year
-- of activity), breaks down by SDG target too, and names the organisations most involved —
-- only among alliances whose parties all agreed to be shown to the territory.
DROP FUNCTION app_territory_counts(text, text, text);
--> statement-breakpoint
DROP FUNCTION app_territory_alliances(text, text);
--> statement-breakpoint
CREATE FUNCTION app_territory_counts(p_level text, p_code text, p_dimension text, p_mode text, p_goal int, p_stage text, p_year int)
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
  ),
  cells AS (
    SELECT kd.key,
      count(DISTINCT kd.id)::int AS n,
      (SELECT count(DISTINCT p.organisation_id)::int FROM alliance_parties p WHERE p.status = 'accepted' AND p.alliance_id IN (SELECT k2.id FROM keyed k2 WHERE k2.key = kd.key)) AS o,
      (SELECT coalesce(sum(x.value_cents), 0)::bigint FROM alliance_contributions x WHERE x.alliance_id IN (SELECT k2.id FROM keyed k2 WHERE k2.key = kd.key)) AS eur,
      (SELECT coalesce(sum(x.quantity) FILTER (WHERE x.unit = 'heure'), 0) FROM alliance_contributions x WHERE x.alliance_id IN (SELECT k2.id FROM keyed k2 WHERE k2.key = kd.key)) AS hrs
    FROM keyed kd GROUP BY kd.key
  ),
  marked AS (SELECT cl.*, (cl.n < 3 OR cl.o < 3) AS small FROM cells cl),
  tally AS (SELECT count(*) FILTER (WHERE mk.small) AS hidden, count(*) AS total FROM marked mk),
  second AS (
    SELECT mk.key FROM marked mk, tally
    WHERE tally.hidden = 1 AND tally.total > 1 AND NOT mk.small
    ORDER BY mk.n, mk.key LIMIT 1
  )
  SELECT mk.key,
    CASE WHEN mk.small OR mk.key IN (SELECT s2.key FROM second s2) THEN NULL ELSE mk.n END,
    CASE WHEN mk.small OR mk.key IN (SELECT s2.key FROM second s2) THEN NULL ELSE mk.o END,
    CASE WHEN mk.small OR mk.key IN (SELECT s2.key FROM second s2) THEN NULL ELSE mk.eur END,
    CASE WHEN mk.small OR mk.key IN (SELECT s2.key FROM second s2) THEN NULL ELSE mk.hrs END
  FROM marked mk ORDER BY mk.key;
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_territory_counts(text, text, text, text, int, text, int) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_counts(text, text, text, text, int, text, int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_counts(text, text, text, text, int, text, int) TO maillage_app;
--> statement-breakpoint
CREATE FUNCTION app_territory_alliances(p_level text, p_code text, p_mode text, p_goal int, p_stage text, p_year int)
  RETURNS TABLE (id uuid, title text, summary text, stage text, mode text, starts_on date, ends_on date, parties text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT a.id, a.title, a.summary, a.stage::text,
    (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1),
    a.starts_on, a.ends_on,
    (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM alliance_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.alliance_id = a.id AND p.status = 'accepted')
  FROM alliances a
  WHERE a.archived_at IS NULL
    AND a.requested_audience IN ('territory', 'public')
    AND EXISTS (SELECT 1 FROM alliance_parties p WHERE p.alliance_id = a.id AND p.status = 'accepted' AND p.workspace_id IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM alliance_parties p WHERE p.alliance_id = a.id AND p.status = 'accepted' AND p.workspace_id IS NOT NULL
                    AND NOT coalesce(CASE WHEN a.requested_audience = 'territory' THEN p.audience_consent IN ('territory', 'public')
                                          ELSE p.audience_consent = 'public' AND p.consent_revision = a.public_revision END, false))
    AND (p_level = 'france'
         OR (p_level = 'region' AND EXISTS (SELECT 1 FROM alliance_territories t WHERE t.alliance_id = a.id AND t.region_code = p_code))
         OR (p_level = 'departement' AND EXISTS (SELECT 1 FROM alliance_territories t WHERE t.alliance_id = a.id AND t.departement_code = p_code)))
    AND (p_mode IS NULL OR (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1) = p_mode)
    AND (p_goal IS NULL OR EXISTS (SELECT 1 FROM alliance_sdg_targets s WHERE s.alliance_id = a.id AND s.goal = p_goal))
    AND (p_stage IS NULL OR a.stage::text = p_stage)
    AND (p_year IS NULL OR ((a.starts_on IS NULL OR a.starts_on <= make_date(p_year, 12, 31)) AND (a.ends_on IS NULL OR a.ends_on >= make_date(p_year, 1, 1))))
    AND EXISTS (SELECT 1 FROM territory_coordinations c JOIN alliance_territories t ON t.alliance_id = a.id
                WHERE c.workspace_id = app_workspace_id() AND c.status = 'approved'
                  AND ((c.level = 'region' AND t.region_code = c.code) OR (c.level = 'departement' AND t.departement_code = c.code)))
  ORDER BY a.title
  LIMIT 200 $$;
--> statement-breakpoint
ALTER FUNCTION app_territory_alliances(text, text, text, int, text, int) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_alliances(text, text, text, int, text, int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_alliances(text, text, text, int, text, int) TO maillage_app;
--> statement-breakpoint
CREATE FUNCTION app_territory_organisations(p_level text, p_code text, p_mode text, p_goal int, p_stage text, p_year int)
  RETURNS TABLE (name text, kind text, alliances int)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT o.name, o.kind::text, count(DISTINCT d.id)::int
  FROM app_territory_alliances(p_level, p_code, p_mode, p_goal, p_stage, p_year) d
  JOIN alliance_parties p ON p.alliance_id = d.id AND p.status = 'accepted'
  JOIN organisations o ON o.id = p.organisation_id
  GROUP BY o.id, o.name, o.kind
  ORDER BY count(DISTINCT d.id) DESC, o.name
  LIMIT 10 $$;
--> statement-breakpoint
ALTER FUNCTION app_territory_organisations(text, text, text, int, text, int) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_organisations(text, text, text, int, text, int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_organisations(text, text, text, int, text, int) TO maillage_app;
