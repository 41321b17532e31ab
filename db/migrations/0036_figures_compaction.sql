-- Change rows of workspaces whose figures nobody reads are never folded by a reader (0035); the
-- job runner folds them for every workspace through this function, owned by maillage_figures,
-- which may now delete change rows and move compacted counts (the total, hence each version,
-- stays the same). Rows of transactions still running are not visible to it and stay; a row a
-- reader folds at the same time is skipped here once that reader commits, so it is counted once.
GRANT DELETE ON workspace_changes TO maillage_figures;
--> statement-breakpoint
GRANT INSERT, UPDATE ON workspace_data_versions TO maillage_figures;
--> statement-breakpoint
CREATE FUNCTION app_figures_compact(p_min integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  WITH crowded AS (
    SELECT c.workspace_id FROM workspace_changes c GROUP BY c.workspace_id HAVING count(*) >= p_min),
  moved AS (
    DELETE FROM workspace_changes c USING crowded w WHERE c.workspace_id = w.workspace_id RETURNING c.workspace_id),
  folded AS (
    INSERT INTO workspace_data_versions AS v (workspace_id, version)
    SELECT m.workspace_id, count(*) FROM moved m GROUP BY m.workspace_id ORDER BY m.workspace_id
    ON CONFLICT (workspace_id) DO UPDATE SET version = v.version + excluded.version
    RETURNING 1)
  SELECT count(*)::int FROM folded $$;
--> statement-breakpoint
ALTER FUNCTION app_figures_compact(integer) OWNER TO maillage_figures;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_figures_compact(integer) FROM PUBLIC;
