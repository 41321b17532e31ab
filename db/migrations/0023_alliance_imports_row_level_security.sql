-- Uploaded files and external references belong to one workspace; its members (with the
-- permissions the services check) read and write them, nobody else sees them.
GRANT SELECT, INSERT, UPDATE, DELETE ON alliance_imports, alliance_external_refs TO maillage_app;
--> statement-breakpoint
ALTER TABLE alliance_imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_imports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_imports_workspace ON alliance_imports FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE alliance_external_refs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_external_refs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A reference may only point at an alliance the workspace is an accepted party of.
CREATE POLICY alliance_external_refs_workspace ON alliance_external_refs FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
