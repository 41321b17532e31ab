-- The coordinator's network view: the consenting alliances of an area inside the coordinator's
-- approved territories (the rule of the territorial details), each with its organisations. A
-- party without a workspace never consented to anything: it comes without its name, under a
-- token drawn afresh at each call, so it can be told apart inside one answer but not followed
-- from one answer to the next.
--
-- The rule itself moves to one function that both the details and the network call.
CREATE FUNCTION app_territory_consenting(p_level text, p_code text, p_mode text, p_goal int, p_stage text, p_year int)
  RETURNS SETOF uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT a.id
  FROM alliances a
  WHERE a.archived_at IS NULL
    AND a.open_beyond_parties
    AND a.requested_audience IN ('territory', 'public')
    AND EXISTS (SELECT 1 FROM alliance_parties p WHERE p.alliance_id = a.id AND p.status = 'accepted' AND p.workspace_id IS NOT NULL)
    AND NOT EXISTS (SELECT 1 FROM alliance_parties p WHERE p.alliance_id = a.id AND p.status = 'accepted' AND p.workspace_id IS NOT NULL
                    AND NOT coalesce(p.audience_consent = a.requested_audience AND p.consent_revision = a.public_revision, false))
    AND (p_level = 'france'
         OR (p_level = 'region' AND EXISTS (SELECT 1 FROM alliance_territories t WHERE t.alliance_id = a.id AND t.region_code = p_code))
         OR (p_level = 'departement' AND EXISTS (SELECT 1 FROM alliance_territories t WHERE t.alliance_id = a.id AND t.departement_code = p_code)))
    AND (p_mode IS NULL OR (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1) = p_mode)
    AND (p_goal IS NULL OR EXISTS (SELECT 1 FROM alliance_sdg_targets s WHERE s.alliance_id = a.id AND s.goal = p_goal))
    AND (p_stage IS NULL OR a.stage::text = p_stage)
    AND (p_year IS NULL OR ((a.starts_on IS NULL OR a.starts_on <= make_date(p_year, 12, 31)) AND (a.ends_on IS NULL OR a.ends_on >= make_date(p_year, 1, 1))))
    AND EXISTS (SELECT 1 FROM territory_coordinations c JOIN alliance_territories t ON t.alliance_id = a.id
                WHERE c.workspace_id = app_workspace_id() AND c.status = 'approved'
                  AND ((c.level = 'region' AND t.region_code = c.code) OR (c.level = 'departement' AND t.departement_code = c.code))) $$;
--> statement-breakpoint
ALTER FUNCTION app_territory_consenting(text, text, text, int, text, int) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_consenting(text, text, text, int, text, int) FROM PUBLIC;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_territory_alliances(p_level text, p_code text, p_mode text, p_goal int, p_stage text, p_year int)
  RETURNS TABLE (id uuid, title text, summary text, stage text, mode text, starts_on date, ends_on date, parties text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT a.id, a.title, a.summary, a.stage::text,
    (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1),
    a.starts_on, a.ends_on,
    (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM alliance_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.alliance_id = a.id AND p.status = 'accepted')
  FROM alliances a
  WHERE a.id IN (SELECT app_territory_consenting(p_level, p_code, p_mode, p_goal, p_stage, p_year))
  ORDER BY a.title
  LIMIT 200 $$;
--> statement-breakpoint
-- At most 5,000 alliances, as many as the workspace network view is measured with.
CREATE FUNCTION app_territory_network(p_level text, p_code text, p_mode text, p_goal int, p_stage text, p_year int)
  RETURNS TABLE (id uuid, title text, stage text, mode text, year int, organisation text, name text, kind text, named boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  WITH salt AS (SELECT gen_random_uuid()::text AS s),
  chosen AS (
    SELECT a.id, a.title, a.stage::text AS stage, a.starts_on,
      (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1) AS mode
    FROM alliances a
    WHERE a.id IN (SELECT app_territory_consenting(p_level, p_code, p_mode, p_goal, p_stage, p_year))
    ORDER BY a.id
    LIMIT 5000)
  SELECT c.id, c.title, c.stage, c.mode, extract(year FROM c.starts_on)::int,
    CASE WHEN p.workspace_id IS NOT NULL THEN o.id::text ELSE md5(o.id::text || salt.s) END,
    CASE WHEN p.workspace_id IS NOT NULL THEN o.name END,
    o.kind::text,
    p.workspace_id IS NOT NULL
  FROM chosen c
  CROSS JOIN salt
  JOIN alliance_parties p ON p.alliance_id = c.id AND p.status = 'accepted'
  JOIN organisations o ON o.id = p.organisation_id
  ORDER BY c.id $$;
--> statement-breakpoint
ALTER FUNCTION app_territory_network(text, text, text, int, text, int) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_territory_network(text, text, text, int, text, int) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_territory_network(text, text, text, int, text, int) TO maillage_app;
