CREATE TYPE "public"."claim_status" AS ENUM('requested', 'verified', 'refused', 'revoked');--> statement-breakpoint
CREATE TABLE "organisation_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"status" "claim_status" DEFAULT 'requested' NOT NULL,
	"method" text,
	"note" text,
	"requested_by" uuid,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "organisation_claims" ADD CONSTRAINT "organisation_claims_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_claims" ADD CONSTRAINT "organisation_claims_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_claims" ADD CONSTRAINT "organisation_claims_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_claims_workspace_idx" ON "organisation_claims" USING btree ("workspace_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_claims_verified_idx" ON "organisation_claims" USING btree ("organisation_id") WHERE "organisation_claims"."status" = 'verified';--> statement-breakpoint
CREATE INDEX "organisation_claims_status_idx" ON "organisation_claims" USING btree ("status","requested_at");--> statement-breakpoint
-- Who speaks for an organisation (issue 20). A workspace's admins ask for their claim to be
-- verified (the request role may only write its own claim, and only as "requested"); a platform
-- operator (maillage_operator, as for territorial coordination) verifies, refuses or revokes it.
GRANT SELECT, INSERT ON organisation_claims TO maillage_app;
--> statement-breakpoint
GRANT UPDATE (organisation_id, status, note, requested_by, requested_at, method, decided_by, decided_at) ON organisation_claims TO maillage_app;
--> statement-breakpoint
ALTER TABLE organisation_claims ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisation_claims FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_claims_own ON organisation_claims FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY organisation_claims_request ON organisation_claims FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id() AND status = 'requested' AND decided_at IS NULL);
--> statement-breakpoint
CREATE POLICY organisation_claims_rerequest ON organisation_claims FOR UPDATE TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id() AND status = 'requested' AND method IS NULL AND decided_by IS NULL AND decided_at IS NULL);
--> statement-breakpoint
GRANT SELECT ON organisation_claims TO maillage_operator;
--> statement-breakpoint
GRANT UPDATE (status, method, decided_by, decided_at) ON organisation_claims TO maillage_operator;
--> statement-breakpoint
CREATE POLICY organisation_claims_operator ON organisation_claims FOR SELECT TO maillage_operator USING (true);
--> statement-breakpoint
CREATE POLICY organisation_claims_decide ON organisation_claims FOR UPDATE TO maillage_operator USING (true) WITH CHECK (status <> 'requested');
--> statement-breakpoint
GRANT SELECT (id, name, kind, siren, siret, rna) ON organisations TO maillage_operator;
--> statement-breakpoint
CREATE POLICY organisations_operator ON organisations FOR SELECT TO maillage_operator USING (true);
--> statement-breakpoint
-- An operator's decision on a claim is written in the audit log of the workspace that claimed.
CREATE POLICY audit_events_operator_verification ON audit_events FOR INSERT TO maillage_operator
  WITH CHECK (action IN ('verification.verify', 'verification.refuse', 'verification.revoke') AND entity_type = 'organisation');
