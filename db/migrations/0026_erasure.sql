-- Erasure (GDPR): deleting one's own account, and an owner deleting a workspace. Both reach
-- rows beyond the request role's policies, so each is a SECURITY DEFINER function owned by
-- maillage_eraser: a NOLOGIN role, not superuser nor BYPASSRLS, whose grants and policies
-- below allow only what these two functions do. Foreign-key cascades then remove the rest.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_eraser') THEN
    CREATE ROLE maillage_eraser NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT SELECT, DELETE ON users, workspaces TO maillage_eraser;
--> statement-breakpoint
GRANT SELECT ON memberships TO maillage_eraser;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON audit_events TO maillage_eraser;
--> statement-breakpoint
GRANT SELECT, UPDATE ON alliance_changes TO maillage_eraser;
--> statement-breakpoint
GRANT SELECT, DELETE ON invitations, verification_tokens TO maillage_eraser;
--> statement-breakpoint
CREATE POLICY users_eraser ON users FOR ALL TO maillage_eraser USING (id = app_user_id());
--> statement-breakpoint
CREATE POLICY workspaces_eraser ON workspaces FOR ALL TO maillage_eraser USING (id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY memberships_eraser ON memberships FOR SELECT TO maillage_eraser USING (user_id = app_user_id() OR workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY audit_events_eraser ON audit_events FOR ALL TO maillage_eraser USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY alliance_changes_eraser ON alliance_changes FOR ALL TO maillage_eraser USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY invitations_eraser ON invitations FOR ALL TO maillage_eraser USING (true);
--> statement-breakpoint
-- The account of the user in scope: refused while they own a workspace (hand it over or delete
-- it first). Audit rows stay, with the actor gone and the address replaced; the shared history
-- keeps the organisation's name, not the person's; pending invitations to the address go.
CREATE FUNCTION app_delete_account() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  me uuid := app_user_id();
  mail text;
  person text;
BEGIN
  IF me IS NULL THEN
    RAISE EXCEPTION 'no user in scope' USING ERRCODE = '42501';
  END IF;
  IF EXISTS (SELECT 1 FROM memberships WHERE user_id = me AND role = 'owner') THEN
    RAISE EXCEPTION 'owner of a workspace' USING ERRCODE = 'P0001';
  END IF;
  SELECT email, name INTO mail, person FROM users WHERE id = me;
  INSERT INTO audit_events (workspace_id, actor_user_id, action, entity_type, entity_id)
    SELECT workspace_id, NULL, 'account.delete', 'user', me::text FROM memberships WHERE user_id = me;
  UPDATE audit_events SET actor_user_id = NULL WHERE actor_user_id = me;
  UPDATE audit_events SET before = replace(before::text, mail, 'compte-supprime')::jsonb WHERE strpos(before::text, mail) > 0;
  UPDATE audit_events SET after = replace(after::text, mail, 'compte-supprime')::jsonb WHERE strpos(after::text, mail) > 0;
  UPDATE alliance_changes SET actor_name = '—' WHERE actor_name = mail OR (person IS NOT NULL AND actor_name = person);
  DELETE FROM invitations WHERE lower(email) = lower(mail);
  DELETE FROM verification_tokens WHERE identifier = mail;
  DELETE FROM users WHERE id = me;
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_delete_account() OWNER TO maillage_eraser;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_delete_account() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_delete_account() TO maillage_app;
--> statement-breakpoint
-- The workspace in scope, by one of its owners. The caller has already left the alliances it
-- shares and deleted the ones only it holds; the cascade removes its private layer, members,
-- imports, tokens, audit and notifications. A party row that still names it loses the link
-- (workspace_id set null), so the other parties keep the shared core.
CREATE FUNCTION app_delete_workspace() RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF app_workspace_id() IS NULL OR NOT EXISTS (
    SELECT 1 FROM memberships WHERE workspace_id = app_workspace_id() AND user_id = app_user_id() AND role = 'owner'
  ) THEN
    RAISE EXCEPTION 'only an owner deletes a workspace' USING ERRCODE = '42501';
  END IF;
  DELETE FROM workspaces WHERE id = app_workspace_id();
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_delete_workspace() OWNER TO maillage_eraser;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_delete_workspace() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_delete_workspace() TO maillage_app;
