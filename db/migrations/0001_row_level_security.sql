-- Row-level security: the database's own guarantee that a request sees only its workspace.
-- Every request runs inside a transaction that sets app.workspace_id / app.user_id with
-- set_config(..., true) and then SET LOCAL ROLE maillage_app. FORCE makes the policies
-- bind the table owner too (a superuser still bypasses them: it runs migrations and seeds).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_app') THEN
    CREATE ROLE maillage_app NOLOGIN NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'maillage_app', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_app TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION app_workspace_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.workspace_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
--> statement-breakpoint
CREATE FUNCTION app_invitation_token_hash() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('app.invitation_token_hash', true), '') $$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON workspaces TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON memberships TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON invitations TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON audit_events TO maillage_app;
--> statement-breakpoint
GRANT SELECT ON users TO maillage_app;
--> statement-breakpoint
GRANT UPDATE (name) ON users TO maillage_app;
--> statement-breakpoint
ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspaces FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A workspace is visible to the request scoped to it, and to its members (the switcher).
CREATE POLICY workspaces_select ON workspaces FOR SELECT TO maillage_app
  USING (id = app_workspace_id() OR id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = app_user_id()));
--> statement-breakpoint
CREATE POLICY workspaces_insert ON workspaces FOR INSERT TO maillage_app
  WITH CHECK (id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY workspaces_update ON workspaces FOR UPDATE TO maillage_app
  USING (id = app_workspace_id()) WITH CHECK (id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE memberships ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE memberships FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- Members of the current workspace, plus the signed-in user's own memberships elsewhere.
CREATE POLICY memberships_select ON memberships FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id() OR user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY memberships_insert ON memberships FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY memberships_update ON memberships FOR UPDATE TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY memberships_delete ON memberships FOR DELETE TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The invitee is not a member yet: the request that presents the token (its hash) may read that one row.
CREATE POLICY invitations_select ON invitations FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id() OR token_hash = app_invitation_token_hash());
--> statement-breakpoint
CREATE POLICY invitations_insert ON invitations FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY invitations_update ON invitations FOR UPDATE TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY audit_events_select ON audit_events FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY audit_events_insert ON audit_events FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
-- Users are global (Auth.js reads them as the owner), so RLS is enabled but not forced:
-- the request role sees itself and the members of the current workspace only.
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY users_select ON users FOR SELECT TO maillage_app
  USING (id = app_user_id() OR id IN (SELECT m.user_id FROM memberships m WHERE m.workspace_id = app_workspace_id()));
--> statement-breakpoint
CREATE POLICY users_update ON users FOR UPDATE TO maillage_app
  USING (id = app_user_id()) WITH CHECK (id = app_user_id());
