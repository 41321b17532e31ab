-- Workspace data versions without a hot row. In 0034 every change bumped one counter row per
-- workspace and held its lock until commit, so a long transaction (a 10,000-row import) made
-- every other change of that workspace, and of its co-owners, wait for it. Now a change inserts
-- one row per (workspace, transaction) into workspace_changes, which no other transaction ever
-- conflicts with, and a workspace's version is the count of those rows plus the compacted count
-- kept in workspace_data_versions. A transaction that commits adds at least one row, so the
-- version seen after it is always higher than any version seen before it, whatever the order
-- in which transactions started and committed. Readers fold the rows into the compacted count
-- (same total) when they pile up; both are read in one statement, so a reader always sees a
-- consistent total.
CREATE TABLE workspace_changes (
  workspace_id uuid NOT NULL REFERENCES workspaces (id) ON DELETE CASCADE,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  PRIMARY KEY (workspace_id, xid)
);
--> statement-breakpoint
ALTER TABLE workspace_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspace_changes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT, DELETE ON workspace_changes TO maillage_app;
--> statement-breakpoint
CREATE POLICY workspace_changes_own ON workspace_changes FOR ALL TO maillage_app
  USING (workspace_id = (SELECT app_workspace_id()))
  WITH CHECK (workspace_id = (SELECT app_workspace_id()));
--> statement-breakpoint
GRANT INSERT, UPDATE ON workspace_data_versions TO maillage_app;
--> statement-breakpoint
CREATE POLICY workspace_data_versions_compact ON workspace_data_versions FOR ALL TO maillage_app
  USING (workspace_id = (SELECT app_workspace_id()))
  WITH CHECK (workspace_id = (SELECT app_workspace_id()));
--> statement-breakpoint
GRANT SELECT, INSERT ON workspace_changes TO maillage_figures;
--> statement-breakpoint
CREATE POLICY workspace_changes_figures ON workspace_changes FOR ALL TO maillage_figures USING (true) WITH CHECK (true);
--> statement-breakpoint
REVOKE INSERT, UPDATE ON workspace_data_versions FROM maillage_figures;
--> statement-breakpoint
-- Same contract as in 0034, without locking anything another transaction waits for: one row per
-- workspace and transaction (a second statement of the same transaction finds it there).
CREATE OR REPLACE FUNCTION app_figures_bump(p_alliances uuid[], p_workspaces uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  INSERT INTO workspace_changes (workspace_id)
  SELECT w.id FROM workspaces w
  WHERE w.id IN (
    SELECT unnest(p_workspaces)
    UNION
    SELECT p.workspace_id FROM alliance_parties p WHERE p.alliance_id = ANY (p_alliances) AND p.workspace_id IS NOT NULL)
  ON CONFLICT (workspace_id, xid) DO NOTHING $$;
