-- Territorial figures protected by the cell key method (issue 21). Suppressing small cells query
-- by query did not resist differencing: the France total minus the régions shown gave the hidden
-- one exactly, and a filtered (live) figure minus the unfiltered (stored) one gave a single
-- contribution. Now every alliance, organisation and contribution carries a fixed random record
-- key; a cell's key is the sum of its records' keys modulo 2^31; the noise added to a cell is
-- read from a fixed table at (cell key, value). The same set of records always gets the same
-- noise, whatever the query or the path (live or stored), so differences between figures are
-- noise, not people. Parameters (README, "Territorial statistics"):
--   counts:  noise -2, -1, 0, +1, +2 with probabilities 0.10, 0.20, 0.40, 0.20, 0.10; a published
--            count is never 1 or 2 (at least 3); a cell of fewer than 3 alliances or 3
--            organisations shows no figure at all ("< 3");
--   amounts: noise D × 0.5 × the largest alliance's amount in the cell, D = -1, -0.5, 0, 0.5, 1 with
--            probabilities 0.15, 0.20, 0.30, 0.20, 0.15, keyed by the cell's contributions;
--            euros rounded to 100 €, hours to the hour, never below zero.
CREATE TABLE record_keys (
  entity_id uuid PRIMARY KEY,
  record_key integer NOT NULL CHECK (record_key >= 0)
);
--> statement-breakpoint
ALTER TABLE record_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE record_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Never shown, never read by the request role: only the statistician reads and writes them.
GRANT SELECT, INSERT ON record_keys TO maillage_statistician;
--> statement-breakpoint
CREATE POLICY record_keys_statistician ON record_keys FOR ALL TO maillage_statistician USING (true) WITH CHECK (true);
--> statement-breakpoint
INSERT INTO record_keys (entity_id, record_key)
  SELECT id, floor(random() * 2147483647)::int FROM alliances
  UNION ALL SELECT id, floor(random() * 2147483647)::int FROM organisations
  UNION ALL SELECT id, floor(random() * 2147483647)::int FROM alliance_contributions
  ON CONFLICT DO NOTHING;
--> statement-breakpoint
CREATE FUNCTION app_assign_record_keys() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  INSERT INTO record_keys (entity_id, record_key)
    SELECT n.id, floor(random() * 2147483647)::int FROM new_rows n
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
ALTER FUNCTION app_assign_record_keys() OWNER TO maillage_statistician;
--> statement-breakpoint
CREATE TRIGGER alliances_record_keys AFTER INSERT ON alliances REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_assign_record_keys();
--> statement-breakpoint
CREATE TRIGGER organisations_record_keys AFTER INSERT ON organisations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_assign_record_keys();
--> statement-breakpoint
CREATE TRIGGER alliance_contributions_record_keys AFTER INSERT ON alliance_contributions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_assign_record_keys();
--> statement-breakpoint
-- A uniform number in [0, 1) from a cell key and a salt (the value, or which figure it is).
CREATE FUNCTION app_ckm_uniform(p_key bigint, p_salt bigint) RETURNS double precision
  LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp
  AS $$ SELECT (((p_key % 2147483648) * 1103515245 + (p_salt % 1048576) * 2654435761 + 12345) % 2147483648)::double precision / 2147483648 $$;
--> statement-breakpoint
-- A published count: 0 stays 0; 1 and 2 are not published (null, "< 3"); from 3, the count
-- plus the noise the table gives at (cell key, count), never under 3.
CREATE FUNCTION app_ckm_count(p_key bigint, p_n integer) RETURNS integer
  LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp
  AS $$ SELECT CASE WHEN p_n IS NULL THEN NULL WHEN p_n = 0 THEN 0 WHEN p_n < 3 THEN NULL ELSE greatest(3, p_n + (
    SELECT CASE WHEN u < 0.10 THEN -2 WHEN u < 0.30 THEN -1 WHEN u < 0.70 THEN 0 WHEN u < 0.90 THEN 1 ELSE 2 END
    FROM (SELECT app_ckm_uniform(p_key, p_n) AS u) x)) END $$;
--> statement-breakpoint
-- A published amount: the amount plus D × 0.5 × the cell's largest alliance amount, D read at
-- the cell's contribution key (salt tells euros from hours), rounded to `p_step`, never negative.
CREATE FUNCTION app_ckm_amount(p_key bigint, p_salt integer, p_amount numeric, p_largest numeric, p_step numeric) RETURNS numeric
  LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp
  AS $$ SELECT CASE WHEN p_amount IS NULL THEN NULL WHEN p_amount = 0 THEN 0 ELSE greatest(0, round((p_amount + (
    SELECT CASE WHEN u < 0.15 THEN -1 WHEN u < 0.35 THEN -0.5 WHEN u < 0.65 THEN 0 WHEN u < 0.85 THEN 0.5 ELSE 1 END
    FROM (SELECT app_ckm_uniform(p_key, p_salt) AS u) x) * 0.5 * coalesce(p_largest, 0)) / p_step) * p_step) END $$;
--> statement-breakpoint
CREATE TYPE territory_cell_ck AS (key text, alliances int, organisations int, cents bigint, hours numeric,
  alliance_key bigint, organisation_key bigint, amount_key bigint, largest_cents bigint, largest_hours numeric);
--> statement-breakpoint
-- The cells of a breakdown as published: small cells (under 3 alliances or 3 organisations)
-- without any figure, every other figure perturbed.
CREATE FUNCTION app_territory_perturbed(p_cells territory_cell_ck[])
  RETURNS TABLE (key text, alliances int, organisations int, cents bigint, hours numeric)
  LANGUAGE sql IMMUTABLE SET search_path = public, pg_temp
  AS $$
  SELECT c.key,
    CASE WHEN c.alliances < 3 OR c.organisations < 3 THEN NULL ELSE app_ckm_count(c.alliance_key, c.alliances) END,
    CASE WHEN c.alliances < 3 OR c.organisations < 3 THEN NULL ELSE app_ckm_count(c.organisation_key, c.organisations) END,
    CASE WHEN c.alliances < 3 OR c.organisations < 3 THEN NULL ELSE app_ckm_amount(c.amount_key, 1, c.cents, c.largest_cents, 10000)::bigint END,
    CASE WHEN c.alliances < 3 OR c.organisations < 3 THEN NULL ELSE app_ckm_amount(c.amount_key, 2, c.hours, c.largest_hours, 1) END
  FROM unnest(p_cells) c ORDER BY c.key $$;
--> statement-breakpoint
ALTER TABLE territory_statistics
  ADD COLUMN alliance_key bigint NOT NULL DEFAULT 0,
  ADD COLUMN organisation_key bigint NOT NULL DEFAULT 0,
  ADD COLUMN amount_key bigint NOT NULL DEFAULT 0,
  ADD COLUMN largest_cents bigint NOT NULL DEFAULT 0,
  ADD COLUMN largest_hours numeric NOT NULL DEFAULT 0;
--> statement-breakpoint
-- The stored cells have no keys yet: figures are counted live until the job computes them again.
DELETE FROM territory_statistics;
--> statement-breakpoint
DELETE FROM territory_statistics_refreshes;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_territory_counts(p_level text, p_code text, p_dimension text, p_mode text, p_goal int, p_stage text, p_year int, p_live boolean DEFAULT false)
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
    RETURN QUERY SELECT * FROM app_territory_perturbed(ARRAY(
      SELECT ROW(s.key, s.alliances, s.organisations, s.cents, s.hours, s.alliance_key, s.organisation_key, s.amount_key, s.largest_cents, s.largest_hours)::territory_cell_ck
      FROM territory_statistics s
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
  ),
  -- Per alliance: its contributions' totals and the sum of their record keys.
  money AS (
    SELECT x.alliance_id, coalesce(sum(x.value_cents), 0)::bigint AS cents,
      coalesce(sum(x.quantity) FILTER (WHERE x.unit = 'heure'), 0) AS hours,
      coalesce(sum(rk.record_key), 0)::bigint AS ckey
    FROM alliance_contributions x JOIN record_keys rk ON rk.entity_id = x.id
    WHERE x.alliance_id IN (SELECT kd.id FROM keyed kd)
    GROUP BY x.alliance_id
  ),
  per_key AS (
    SELECT kd.key, count(*)::int AS alliances, sum(rk.record_key)::bigint AS alliance_key,
      coalesce(sum(m.cents), 0)::bigint AS cents, coalesce(sum(m.hours), 0) AS hours,
      coalesce(sum(m.ckey), 0)::bigint AS amount_key,
      coalesce(max(m.cents), 0)::bigint AS largest_cents, coalesce(max(m.hours), 0) AS largest_hours
    FROM keyed kd JOIN record_keys rk ON rk.entity_id = kd.id LEFT JOIN money m ON m.alliance_id = kd.id
    GROUP BY kd.key
  ),
  per_key_orgs AS (
    SELECT d.key, count(*)::int AS organisations, sum(rk.record_key)::bigint AS organisation_key
    FROM (SELECT DISTINCT kd.key, p.organisation_id FROM keyed kd JOIN alliance_parties p ON p.alliance_id = kd.id AND p.status = 'accepted') d
    JOIN record_keys rk ON rk.entity_id = d.organisation_id
    GROUP BY d.key
  )
  SELECT * FROM app_territory_perturbed(ARRAY(
    SELECT ROW(pk.key, pk.alliances, coalesce(po.organisations, 0), pk.cents, pk.hours,
      pk.alliance_key % 2147483648, coalesce(po.organisation_key, 0) % 2147483648, pk.amount_key % 2147483648,
      pk.largest_cents, pk.largest_hours)::territory_cell_ck
    FROM per_key pk LEFT JOIN per_key_orgs po ON po.key = pk.key));
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_territory_counts_many(p_level text, p_code text, p_dimensions text[], p_mode text, p_goal int, p_stage text, p_year int)
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
    CROSS JOIN LATERAL app_territory_perturbed(ARRAY(
      SELECT ROW(s.key, s.alliances, s.organisations, s.cents, s.hours, s.alliance_key, s.organisation_key, s.amount_key, s.largest_cents, s.largest_hours)::territory_cell_ck
      FROM territory_statistics s
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
ALTER FUNCTION app_ckm_uniform(bigint, bigint) OWNER TO maillage_statistician;
--> statement-breakpoint
ALTER FUNCTION app_ckm_count(bigint, integer) OWNER TO maillage_statistician;
--> statement-breakpoint
ALTER FUNCTION app_ckm_amount(bigint, integer, numeric, numeric, numeric) OWNER TO maillage_statistician;
--> statement-breakpoint
ALTER FUNCTION app_territory_perturbed(territory_cell_ck[]) OWNER TO maillage_statistician;
--> statement-breakpoint
ALTER TYPE territory_cell_ck OWNER TO maillage_statistician;
--> statement-breakpoint
-- Query-by-query suppression is gone with its cell type.
DROP FUNCTION app_territory_suppressed(territory_cell[]);
--> statement-breakpoint
DROP TYPE territory_cell;
