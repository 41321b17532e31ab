CREATE TABLE "import_progress" (
	"import_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"instance" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
-- A running import's progress belongs to its workspace, like the import itself.
GRANT SELECT, INSERT, UPDATE, DELETE ON import_progress TO maillage_app;
--> statement-breakpoint
ALTER TABLE import_progress ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE import_progress FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY import_progress_workspace ON import_progress FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
