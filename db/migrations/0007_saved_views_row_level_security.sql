-- Saved views belong to one user in one workspace.
GRANT SELECT, INSERT, UPDATE, DELETE ON saved_views TO maillage_app;
--> statement-breakpoint
ALTER TABLE saved_views ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE saved_views FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY saved_views_own ON saved_views FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id() AND user_id = app_user_id())
  WITH CHECK (workspace_id = app_workspace_id() AND user_id = app_user_id());
