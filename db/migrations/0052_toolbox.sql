CREATE TABLE "tool_changes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tool_id" uuid NOT NULL,
	"actor_user_id" uuid,
	"actor_email" text NOT NULL,
	"action" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid,
	"slug" text NOT NULL,
	"door" text NOT NULL,
	"purpose" text NOT NULL,
	"kind" text NOT NULL,
	"audiences" text[] DEFAULT '{}'::text[] NOT NULL,
	"stages" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] NOT NULL,
	"feature" text,
	"url" text,
	"content" jsonb NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"retired_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tools_workspace_slug_key" UNIQUE NULLS NOT DISTINCT("workspace_id","slug")
);
--> statement-breakpoint
ALTER TABLE "tool_changes" ADD CONSTRAINT "tool_changes_tool_id_tools_id_fk" FOREIGN KEY ("tool_id") REFERENCES "public"."tools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tool_changes" ADD CONSTRAINT "tool_changes_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tools" ADD CONSTRAINT "tools_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tool_changes_tool_idx" ON "tool_changes" USING btree ("tool_id","created_at");--> statement-breakpoint
CREATE INDEX "tools_catalogue_idx" ON "tools" USING btree ("door","purpose","position");--> statement-breakpoint
-- The toolbox. The public catalogue (workspace_id null) is read by anyone while not retired,
-- and written by operators only; a workspace's private tools are read and written by its
-- members (the procedures restrict writing to admins). The catalogue's trail is the operators'.
ALTER TABLE tools ADD CONSTRAINT tools_languages_check CHECK (cardinality(languages) > 0 AND languages <@ ARRAY['fr', 'en']);
--> statement-breakpoint
GRANT SELECT ON tools TO maillage_public;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON tools TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON tools TO maillage_operator;
--> statement-breakpoint
ALTER TABLE tools ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tools FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tools_catalogue ON tools FOR SELECT TO maillage_public, maillage_app
  USING (workspace_id IS NULL AND retired_at IS NULL);
--> statement-breakpoint
CREATE POLICY tools_workspace ON tools FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY tools_operator ON tools FOR ALL TO maillage_operator
  USING (workspace_id IS NULL)
  WITH CHECK (workspace_id IS NULL);
--> statement-breakpoint
GRANT SELECT, INSERT ON tool_changes TO maillage_operator;
--> statement-breakpoint
ALTER TABLE tool_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tool_changes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tool_changes_operator ON tool_changes FOR ALL TO maillage_operator USING (true) WITH CHECK (true);
