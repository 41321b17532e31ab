-- The alliance list now stores its pages' rows with the workspace's figures (issue 27), and each
-- row shows how many of its stage's questions the questioning process has answered. A guide
-- answer must therefore raise the data version of the alliance's workspaces, as a change to any
-- other table the stored figures read does (migration 0034): the same three statement-level
-- triggers, through the same function.
CREATE TRIGGER alliance_guide_answers_figures_insert AFTER INSERT ON alliance_guide_answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_figures_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_guide_answers_figures_update AFTER UPDATE ON alliance_guide_answers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_figures_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_guide_answers_figures_delete AFTER DELETE ON alliance_guide_answers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_figures_touch();
