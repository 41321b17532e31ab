CREATE TYPE "public"."export_kind" AS ENUM('alliances', 'ledger', 'organisations');--> statement-breakpoint
CREATE TYPE "public"."export_status" AS ENUM('queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "export_jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"kind" "export_kind" NOT NULL,
	"format" text NOT NULL,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"locale" text NOT NULL,
	"status" "export_status" DEFAULT 'queued' NOT NULL,
	"error" text,
	"file_name" text,
	"content" "bytea",
	"byte_size" integer,
	"row_count" integer,
	"instance" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "export_jobs" ADD CONSTRAINT "export_jobs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "export_jobs_requester_idx" ON "export_jobs" USING btree ("workspace_id","requested_by","created_at" DESC NULLS LAST);--> statement-breakpoint
-- An export belongs to the person who asked for it, in the workspace they asked it in: it holds
-- what they may read, which another member (a viewer beside an admin) may not.
GRANT SELECT, INSERT, UPDATE, DELETE ON export_jobs TO maillage_app;
--> statement-breakpoint
ALTER TABLE export_jobs ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE export_jobs FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY export_jobs_requester ON export_jobs FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id() AND requested_by = app_user_id())
  WITH CHECK (workspace_id = app_workspace_id() AND requested_by = app_user_id());
