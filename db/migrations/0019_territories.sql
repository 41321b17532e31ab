CREATE TYPE "public"."coordination_level" AS ENUM('region', 'departement');--> statement-breakpoint
CREATE TYPE "public"."coordination_status" AS ENUM('requested', 'approved', 'refused');--> statement-breakpoint
CREATE TABLE "territory_coordinations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"level" "coordination_level" NOT NULL,
	"code" text NOT NULL,
	"reason" text,
	"status" "coordination_status" DEFAULT 'requested' NOT NULL,
	"requested_by" uuid,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "territorial_statistics" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "territory_coordinations" ADD CONSTRAINT "territory_coordinations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "territory_coordinations" ADD CONSTRAINT "territory_coordinations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "territory_coordinations_unique_idx" ON "territory_coordinations" USING btree ("workspace_id","level","code");--> statement-breakpoint
CREATE INDEX "territory_coordinations_status_idx" ON "territory_coordinations" USING btree ("status","created_at");