-- A party's consent holds for the audience it was given for and the revision of the request it
-- answered (issue 20, "consent carried over"): a public approval no longer counts when another
-- party moves the request to the territory audience (every request starts a new revision), and
-- an edit of the public fields asks again for the territory audience as for the public one.
-- Same rule as domain/audience.ts's consentCovers. The body is 0032's otherwise.
CREATE OR REPLACE FUNCTION app_territory_alliances(p_level text, p_code text, p_mode text, p_goal int, p_stage text, p_year int)
  RETURNS TABLE (id uuid, title text, summary text, stage text, mode text, starts_on date, ends_on date, parties text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT a.id, a.title, a.summary, a.stage::text,
    (SELECT m.mode::text FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1),
    a.starts_on, a.ends_on,
    (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM alliance_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.alliance_id = a.id AND p.status = 'accepted')
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
                  AND ((c.level = 'region' AND t.region_code = c.code) OR (c.level = 'departement' AND t.departement_code = c.code)))
  ORDER BY a.title
  LIMIT 200 $$;
