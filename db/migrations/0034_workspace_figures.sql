-- Stored workspace figures. The workspace dashboard and the SDG report aggregate every alliance
-- of a workspace (seconds at 5,000 alliances). Their results are kept per workspace in
-- workspace_figures, stamped with the workspace's data version. Triggers on every table those
-- figures read bump the version of each workspace that is a party to a changed alliance, in the
-- same transaction as the change, so stored figures are never read once the data moved on; the
-- next read computes them again. Rows are visible to the members' workspace only (row-level
-- security, as every tenant table); the version bump crosses workspaces (a co-owned alliance
-- changed by one party changes the other's figures) through one definer function owned by
-- maillage_figures, which can read party rows and write version counters, nothing else.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_figures') THEN
    CREATE ROLE maillage_figures NOLOGIN;
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_figures', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_figures TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_figures;
--> statement-breakpoint
CREATE TABLE workspace_data_versions (
  workspace_id uuid PRIMARY KEY REFERENCES workspaces (id) ON DELETE CASCADE,
  version bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE workspace_figures (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  kind text NOT NULL,
  params text NOT NULL,
  data_version bigint NOT NULL,
  computed_at timestamptz NOT NULL DEFAULT now(),
  valid_until timestamptz,
  payload jsonb NOT NULL,
  PRIMARY KEY (workspace_id, kind, params)
);
--> statement-breakpoint
ALTER TABLE workspace_data_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspace_data_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspace_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspace_figures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON workspace_data_versions TO maillage_app;
--> statement-breakpoint
CREATE POLICY workspace_data_versions_own ON workspace_data_versions FOR SELECT TO maillage_app
  USING (workspace_id = (SELECT app_workspace_id()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON workspace_figures TO maillage_app;
--> statement-breakpoint
CREATE POLICY workspace_figures_own ON workspace_figures FOR ALL TO maillage_app
  USING (workspace_id = (SELECT app_workspace_id()))
  WITH CHECK (workspace_id = (SELECT app_workspace_id()));
--> statement-breakpoint
-- What the version keeper reads and writes (only inside its two functions below).
GRANT SELECT, INSERT, UPDATE ON workspace_data_versions TO maillage_figures;
--> statement-breakpoint
CREATE POLICY workspace_data_versions_figures ON workspace_data_versions FOR ALL TO maillage_figures USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT (alliance_id, workspace_id, organisation_id) ON alliance_parties TO maillage_figures;
--> statement-breakpoint
CREATE POLICY alliance_parties_figures ON alliance_parties FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
GRANT SELECT (id) ON workspaces TO maillage_figures;
--> statement-breakpoint
CREATE POLICY workspaces_figures ON workspaces FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
-- Bumps the data version of the given workspaces and of every workspace that is a party to one
-- of the given alliances. Workspaces are locked in id order, so two transactions touching the
-- same co-owned alliances wait for each other instead of deadlocking. A workspace being deleted
-- in the same statement is no longer visible here and is skipped.
CREATE FUNCTION app_figures_bump(p_alliances uuid[], p_workspaces uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  INSERT INTO workspace_data_versions AS v (workspace_id, version)
  SELECT w.id, 1 FROM workspaces w
  WHERE w.id IN (
    SELECT unnest(p_workspaces)
    UNION
    SELECT p.workspace_id FROM alliance_parties p WHERE p.alliance_id = ANY (p_alliances) AND p.workspace_id IS NOT NULL)
  ORDER BY w.id
  ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + 1 $$;
--> statement-breakpoint
ALTER FUNCTION app_figures_bump(uuid[], uuid[]) OWNER TO maillage_figures;
--> statement-breakpoint
-- A renamed organisation changes the partner names of every alliance it is a party to.
CREATE FUNCTION app_figures_bump_organisations(p_organisations uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT app_figures_bump(array(SELECT DISTINCT p.alliance_id FROM alliance_parties p WHERE p.organisation_id = ANY (p_organisations)), '{}') $$;
--> statement-breakpoint
ALTER FUNCTION app_figures_bump_organisations(uuid[]) OWNER TO maillage_figures;
--> statement-breakpoint
-- The statement-level trigger function: collects the alliances (and, for party rows, the
-- workspaces) of the changed rows from the transition tables, then bumps their versions. It runs
-- as the caller; only the bump crosses workspaces. Each branch names the transition tables of
-- its own trigger (new_rows, old_rows), so the statements of other branches are never planned.
CREATE FUNCTION app_figures_touch() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
DECLARE
  v_alliances uuid[] := '{}';
  v_workspaces uuid[] := '{}';
BEGIN
  IF TG_TABLE_NAME = 'organisations' THEN
    PERFORM app_figures_bump_organisations(array(
      SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name));
    RETURN NULL;
  END IF;
  IF TG_TABLE_NAME = 'alliances' THEN
    IF TG_OP <> 'DELETE' THEN
      v_alliances := v_alliances || array(SELECT r.id FROM new_rows r);
    END IF;
    IF TG_OP <> 'INSERT' THEN
      v_alliances := v_alliances || array(SELECT r.id FROM old_rows r);
    END IF;
  ELSIF TG_TABLE_NAME = 'alliance_parties' THEN
    IF TG_OP <> 'DELETE' THEN
      v_alliances := v_alliances || array(SELECT DISTINCT r.alliance_id FROM new_rows r);
      v_workspaces := v_workspaces || array(SELECT DISTINCT r.workspace_id FROM new_rows r WHERE r.workspace_id IS NOT NULL);
    END IF;
    IF TG_OP <> 'INSERT' THEN
      v_alliances := v_alliances || array(SELECT DISTINCT r.alliance_id FROM old_rows r);
      v_workspaces := v_workspaces || array(SELECT DISTINCT r.workspace_id FROM old_rows r WHERE r.workspace_id IS NOT NULL);
    END IF;
  ELSE
    IF TG_OP <> 'DELETE' THEN
      v_alliances := v_alliances || array(SELECT DISTINCT r.alliance_id FROM new_rows r);
    END IF;
    IF TG_OP <> 'INSERT' THEN
      v_alliances := v_alliances || array(SELECT DISTINCT r.alliance_id FROM old_rows r);
    END IF;
  END IF;
  IF cardinality(v_alliances) > 0 OR cardinality(v_workspaces) > 0 THEN
    PERFORM app_figures_bump(v_alliances, v_workspaces);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Three statement-level triggers per table (transition tables allow one event per trigger).
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['alliances', 'alliance_parties', 'alliance_mode_periods', 'alliance_sdg_targets',
    'alliance_territories', 'alliance_contributions', 'alliance_changes', 'alliance_sdg_claims',
    'alliance_indicators', 'indicator_results', 'evaluation_cycles', 'evaluation_answers'] LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_figures_touch()', t || '_figures_insert', t);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_figures_touch()', t || '_figures_update', t);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_figures_touch()', t || '_figures_delete', t);
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER organisations_figures_update AFTER UPDATE ON organisations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_figures_touch();
