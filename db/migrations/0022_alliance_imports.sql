CREATE TYPE "public"."import_status" AS ENUM('uploaded', 'queued', 'running', 'done', 'failed');--> statement-breakpoint
CREATE TABLE "alliance_external_refs" (
	"workspace_id" uuid NOT NULL,
	"reference" text NOT NULL,
	"alliance_id" uuid NOT NULL,
	"import_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_external_refs_workspace_id_reference_pk" PRIMARY KEY("workspace_id","reference")
);
--> statement-breakpoint
CREATE TABLE "alliance_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"created_by" uuid,
	"file_name" text NOT NULL,
	"headers" jsonb NOT NULL,
	"rows" jsonb NOT NULL,
	"mapping" jsonb,
	"decisions" jsonb,
	"status" "import_status" DEFAULT 'uploaded' NOT NULL,
	"result" jsonb,
	"error" text,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alliance_external_refs" ADD CONSTRAINT "alliance_external_refs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_external_refs" ADD CONSTRAINT "alliance_external_refs_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_external_refs" ADD CONSTRAINT "alliance_external_refs_import_id_alliance_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."alliance_imports"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_imports" ADD CONSTRAINT "alliance_imports_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_imports" ADD CONSTRAINT "alliance_imports_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_external_refs_alliance_idx" ON "alliance_external_refs" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_imports_workspace_idx" ON "alliance_imports" USING btree ("workspace_id","created_at" DESC NULLS LAST);