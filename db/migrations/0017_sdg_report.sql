CREATE TABLE "sdg_report_narratives" (
	"workspace_id" uuid NOT NULL,
	"year" smallint NOT NULL,
	"goal" smallint NOT NULL,
	"text" text NOT NULL,
	"updated_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sdg_report_narratives_workspace_id_year_goal_pk" PRIMARY KEY("workspace_id","year","goal")
);
--> statement-breakpoint
ALTER TABLE "sdg_report_narratives" ADD CONSTRAINT "sdg_report_narratives_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sdg_report_narratives" ADD CONSTRAINT "sdg_report_narratives_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;