ALTER TABLE "workspaces" ADD COLUMN "guide_wording" jsonb;--> statement-breakpoint
ALTER TABLE "alliances" ADD COLUMN "guide_wording" jsonb;