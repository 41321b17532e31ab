CREATE TABLE "identity_assertions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"provider" text NOT NULL,
	"subject" text NOT NULL,
	"email" text,
	"siret" text,
	"acr" text,
	"asserted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "identity_provider" text;--> statement-breakpoint
ALTER TABLE "sessions" ADD COLUMN "id_token" text;--> statement-breakpoint
ALTER TABLE "identity_assertions" ADD CONSTRAINT "identity_assertions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "identity_assertions_user_id_provider_asserted_at_index" ON "identity_assertions" USING btree ("user_id","provider","asserted_at");--> statement-breakpoint
-- Sign-in with ProConnect and OpenID providers (issue 20). What a provider asserted about a user
-- is theirs to read (the settings page shows the SIRET ProConnect returned); it is written by
-- maillage_identity, the role the sign-in callback switches to.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_identity') THEN
    CREATE ROLE maillage_identity NOLOGIN NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_identity', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_identity TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_identity;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_user_id() TO maillage_identity;
--> statement-breakpoint
ALTER TABLE identity_assertions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE identity_assertions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON identity_assertions TO maillage_app;
--> statement-breakpoint
CREATE POLICY identity_assertions_own ON identity_assertions FOR SELECT TO maillage_app USING (user_id = app_user_id());
--> statement-breakpoint
GRANT SELECT, INSERT ON identity_assertions TO maillage_identity;
--> statement-breakpoint
CREATE POLICY identity_assertions_identity ON identity_assertions FOR ALL TO maillage_identity
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());
--> statement-breakpoint
-- The workspaces the signed-in user administers, and nothing of anyone else's.
GRANT SELECT (workspace_id, user_id, role) ON memberships TO maillage_identity;
--> statement-breakpoint
CREATE POLICY memberships_identity ON memberships FOR SELECT TO maillage_identity USING (user_id = app_user_id());
--> statement-breakpoint
GRANT SELECT (id, name, siren, rna, organisation_id) ON workspaces TO maillage_identity;
--> statement-breakpoint
CREATE POLICY workspaces_identity ON workspaces FOR SELECT TO maillage_identity
  USING (id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = app_user_id() AND m.role IN ('owner', 'admin')));
--> statement-breakpoint
GRANT SELECT (id, name, siren) ON organisations TO maillage_identity;
--> statement-breakpoint
CREATE POLICY organisations_identity ON organisations FOR SELECT TO maillage_identity USING (true);
--> statement-breakpoint
-- A ProConnect sign-in verifies the claims of those workspaces, or files one for an operator.
GRANT SELECT, INSERT, UPDATE (organisation_id, status, method, note, requested_by, requested_at, decided_by, decided_at) ON organisation_claims TO maillage_identity;
--> statement-breakpoint
CREATE POLICY organisation_claims_identity ON organisation_claims FOR ALL TO maillage_identity
  USING (workspace_id IN (SELECT w.id FROM workspaces w))
  WITH CHECK (workspace_id IN (SELECT w.id FROM workspaces w) AND (status = 'requested' OR (status = 'verified' AND method = 'proconnect')));
--> statement-breakpoint
GRANT INSERT ON audit_events TO maillage_identity;
--> statement-breakpoint
CREATE POLICY audit_events_identity ON audit_events FOR INSERT TO maillage_identity
  WITH CHECK (action IN ('verification.proconnect', 'verification.request') AND actor_user_id = app_user_id()
    AND workspace_id IN (SELECT w.id FROM workspaces w));
