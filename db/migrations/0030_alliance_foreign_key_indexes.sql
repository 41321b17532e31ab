CREATE INDEX "alliance_private_entries_alliance_idx" ON "alliance_private_entries" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "notifications_alliance_idx" ON "notifications" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "evaluation_answers_alliance_idx" ON "evaluation_answers" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "evaluation_participants_alliance_idx" ON "evaluation_participants" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "indicator_results_alliance_idx" ON "indicator_results" USING btree ("alliance_id");