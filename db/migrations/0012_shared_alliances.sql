CREATE TYPE "public"."alliance_audience" AS ENUM('parties', 'territory', 'public');--> statement-breakpoint
CREATE TYPE "public"."notification_audience" AS ENUM('admins', 'members');--> statement-breakpoint
CREATE TABLE "alliance_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"workspace_id" uuid,
	"organisation_name" text NOT NULL,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"detail" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliance_sdg_claims" (
	"alliance_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"target" text NOT NULL,
	"share_percent" smallint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_sdg_claims_alliance_id_workspace_id_target_pk" PRIMARY KEY("alliance_id","workspace_id","target")
);
--> statement-breakpoint
CREATE TABLE "notification_reads" (
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"read_through" timestamp with time zone NOT NULL,
	CONSTRAINT "notification_reads_workspace_id_user_id_pk" PRIMARY KEY("workspace_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"alliance_id" uuid,
	"kind" text NOT NULL,
	"audience" "notification_audience" DEFAULT 'members' NOT NULL,
	"payload" jsonb NOT NULL,
	"created_by" uuid,
	"emailed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "invitation_expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "invited_email" text;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "invitation_token_hash" text;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "audience_consent" "alliance_audience";--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "consent_revision" integer;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "consent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "key_results" text;--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "requested_audience" "alliance_audience" DEFAULT 'parties' NOT NULL;--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "public_revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "alliance_changes" ADD CONSTRAINT "alliance_changes_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_changes" ADD CONSTRAINT "alliance_changes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_sdg_claims" ADD CONSTRAINT "alliance_sdg_claims_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_sdg_claims" ADD CONSTRAINT "alliance_sdg_claims_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_reads" ADD CONSTRAINT "notification_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_changes_alliance_idx" ON "alliance_changes" USING btree ("alliance_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "alliance_sdg_claims_workspace_idx" ON "alliance_sdg_claims" USING btree ("workspace_id","target");--> statement-breakpoint
CREATE INDEX "notifications_workspace_idx" ON "notifications" USING btree ("workspace_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "notifications_unsent_idx" ON "notifications" USING btree ("created_at") WHERE "notifications"."emailed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_parties_token_idx" ON "alliance_parties" USING btree ("invitation_token_hash") WHERE "alliance_parties"."invitation_token_hash" is not null;--> statement-breakpoint
CREATE INDEX "alliances_audience_idx" ON "alliances" USING btree ("requested_audience") WHERE "alliances"."requested_audience" <> 'parties';