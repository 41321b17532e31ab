-- Territorial coordination. A workspace asks to coordinate a région or a département; a
-- platform operator (maillage_operator, the role of operator requests) approves or refuses.
-- Territorial figures never come from the tables directly: two definer functions, owned by
-- maillage_statistician (which alone may read across workspaces, and only inside them),
-- return counts with small cells suppressed, and the details of alliances whose parties all
-- agreed to the territory (or public) audience, within the caller's approved territories.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_operator') THEN
    CREATE ROLE maillage_operator NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_statistician') THEN
    CREATE ROLE maillage_statistician NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_operator', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_operator TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_statistician', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_statistician TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_operator, maillage_statistician;
--> statement-breakpoint
GRANT SELECT, INSERT ON territory_coordinations TO maillage_app;
--> statement-breakpoint
ALTER TABLE territory_coordinations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE territory_coordinations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY territory_coordinations_own ON territory_coordinations FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY territory_coordinations_request ON territory_coordinations FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id() AND status = 'requested' AND decided_at IS NULL);
--> statement-breakpoint
GRANT SELECT ON territory_coordinations TO maillage_operator;
--> statement-breakpoint
GRANT UPDATE (status, decided_by, decided_at) ON territory_coordinations TO maillage_operator;
--> statement-breakpoint
GRANT SELECT (id, slug, name, kind) ON workspaces TO maillage_operator;
--> statement-breakpoint
CREATE POLICY territory_coordinations_operator ON territory_coordinations FOR SELECT TO maillage_operator USING (true);
--> statement-breakpoint
CREATE POLICY territory_coordinations_decide ON territory_coordinations FOR UPDATE TO maillage_operator
  USING (true) WITH CHECK (status IN ('approved', 'refused') AND decided_at IS NOT NULL);
--> statement-breakpoint
CREATE POLICY workspaces_operator ON workspaces FOR SELECT TO maillage_operator USING (true);
--> statement-breakpoint
-- What the statistician reads (only inside its two functions).
GRANT SELECT ON alliances, alliance_parties, alliance_territories, alliance_mode_periods, alliance_sdg_targets, alliance_contributions, organisations, territory_coordinations TO maillage_statistician;
--> statement-breakpoint
GRANT SELECT (id, territorial_statistics) ON workspaces TO maillage_statistician;
--> statement-breakpoint
CREATE POLICY alliances_statistician ON alliances FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
CREATE POLICY alliance_parties_statistician ON alliance_parties FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
CREATE POLICY alliance_territories_statistician ON alliance_territories FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
CREATE POLICY alliance_mode_periods_statistician ON alliance_mode_periods FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
CREATE POLICY alliance_sdg_targets_statistician ON alliance_sdg_targets FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
CREATE POLICY alliance_contributions_statistician ON alliance_contributions FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
CREATE POLICY organisations_statistician ON organisations FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
CREATE POLICY territory_coordinations_statistician ON territory_coordinations FOR SELECT TO maillage_statistician
  USING (workspace_id = app_workspace_id() AND status = 'approved');
--> statement-breakpoint
CREATE POLICY workspaces_statistician ON workspaces FOR SELECT TO maillage_statistician USING (true);
--> statement-breakpoint
-- Counts for one territory ('france', or a région or département code) broken down by one
-- dimension. An alliance counts once per key, only when every accepted party with a workspace
-- lets its alliances enter statistics. A cell drawn from fewer than 3 alliances or 3
-- organisations comes back NULL; when exactly one cell of a breakdown is hidden, the next
-- smallest is hidden too, so no total or difference gives it away. Only a workspace with an
-- approved coordination may call it.
CREATE FUNCTION app_territory_counts(p_level text, p_code text, p_dimension text)
  RETURNS TABLE (key text, alliances int, organisations int, cents bigint, hours numeric)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM territory_coordinations c WHERE c.workspace_id = app_workspace_id() AND c.status = 'approved') THEN
    RAISE EXCEPTION 'no approved territorial coordination' USING ERRCODE = '42501';
  END IF;
  IF p_level NOT IN ('france', 'region', 'departement') OR p_dimension NOT IN ('total', 'mode', 'goal', 'kind', 'stage', 'year', 'region', 'departement', 'commune', 'epci') THEN
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
  ),
  keyed AS (
    SELECT c.id, k.key FROM counted c
    CROSS JOIN LATERAL (
      SELECT 'total'::text AS key WHERE p_dimension = 'total'
      UNION SELECT (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = c.id ORDER BY m.starts_on DESC LIMIT 1) WHERE p_dimension = 'mode'
      UNION SELECT s.goal::text FROM alliance_sdg_targets s WHERE p_dimension = 'goal' AND s.alliance_id = c.id
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
ALTER FUNCTION app_territory_counts(text, text, text) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_counts(text, text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_counts(text, text, text) TO maillage_app;
--> statement-breakpoint
-- The details a coordinator may read: alliances of the asked territory that also lie in one of
-- its approved territories, whose parties all agreed to the territory or public audience.
CREATE FUNCTION app_territory_alliances(p_level text, p_code text)
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
    AND EXISTS (SELECT 1 FROM territory_coordinations c JOIN alliance_territories t ON t.alliance_id = a.id
                WHERE c.workspace_id = app_workspace_id() AND c.status = 'approved'
                  AND ((c.level = 'region' AND t.region_code = c.code) OR (c.level = 'departement' AND t.departement_code = c.code)))
  ORDER BY a.title
  LIMIT 200 $$;
--> statement-breakpoint
ALTER FUNCTION app_territory_alliances(text, text) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_alliances(text, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_alliances(text, text) TO maillage_app;
--> statement-breakpoint
-- An operator's decision is written in the audit log of the workspace that asked.
GRANT INSERT ON audit_events TO maillage_operator;
--> statement-breakpoint
CREATE POLICY audit_events_operator ON audit_events FOR INSERT TO maillage_operator
  WITH CHECK (action IN ('coordination.approve', 'coordination.refuse') AND entity_type = 'territory');
