-- API tokens belong to one workspace: its admins list, create and revoke them through the
-- request role. Presenting a token is checked like a session cookie, before any scope exists.
GRANT SELECT, INSERT, UPDATE ON api_tokens TO maillage_app;
--> statement-breakpoint
ALTER TABLE api_tokens ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_tokens FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY api_tokens_workspace ON api_tokens FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
