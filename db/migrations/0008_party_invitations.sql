ALTER TABLE "alliance_parties" ADD COLUMN "invited_by_workspace_id" uuid;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "invited_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "responded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD CONSTRAINT "alliance_parties_invited_by_workspace_id_workspaces_id_fk" FOREIGN KEY ("invited_by_workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;