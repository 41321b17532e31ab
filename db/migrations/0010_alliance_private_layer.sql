CREATE TYPE "public"."private_entry_kind" AS ENUM('timeline', 'budget');--> statement-breakpoint
CREATE TABLE "alliance_private_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kind" "private_entry_kind" NOT NULL,
	"title" text NOT NULL,
	"amount_cents" bigint,
	"occurred_on" date NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliance_private_notes" (
	"alliance_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"notes" text,
	"internal_owner" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "alliance_private_notes_alliance_id_workspace_id_pk" PRIMARY KEY("alliance_id","workspace_id")
);
--> statement-breakpoint
ALTER TABLE "alliance_private_entries" ADD CONSTRAINT "alliance_private_entries_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_private_entries" ADD CONSTRAINT "alliance_private_entries_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_private_entries" ADD CONSTRAINT "alliance_private_entries_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_private_notes" ADD CONSTRAINT "alliance_private_notes_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_private_notes" ADD CONSTRAINT "alliance_private_notes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_private_entries_idx" ON "alliance_private_entries" USING btree ("workspace_id","alliance_id","occurred_on");--> statement-breakpoint
CREATE INDEX "alliance_private_notes_workspace_idx" ON "alliance_private_notes" USING btree ("workspace_id");