-- The five tables earlier migrations created in SQL (workspace_changes, workspace_data_versions,
-- workspace_figures, territory_statistics, territory_statistics_refreshes) are now declared in
-- db/schema/ with the same columns and constraint names. This migration only moves drizzle-kit's
-- snapshot: it creates nothing, and checks that the tables it describes are there.
DO $$
DECLARE
  missing text;
BEGIN
  SELECT string_agg(t, ', ') INTO missing
  FROM unnest(ARRAY['workspace_changes', 'workspace_data_versions', 'workspace_figures', 'territory_statistics', 'territory_statistics_refreshes']) AS t
  WHERE to_regclass('public.' || t) IS NULL;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'tables expected from earlier migrations are missing: %', missing;
  END IF;
END $$;
