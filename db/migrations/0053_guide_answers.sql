CREATE TABLE "alliance_guide_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"stage" text NOT NULL,
	"question_key" text NOT NULL,
	"answer" text NOT NULL,
	"workspace_id" uuid,
	"organisation_name" text NOT NULL,
	"user_id" uuid,
	"actor_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "alliance_guide_answers" ADD CONSTRAINT "alliance_guide_answers_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_guide_answers" ADD CONSTRAINT "alliance_guide_answers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_guide_answers" ADD CONSTRAINT "alliance_guide_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_guide_answers_question_idx" ON "alliance_guide_answers" USING btree ("alliance_id","stage","question_key","created_at" DESC NULLS LAST);--> statement-breakpoint
-- The questioning process's answers are shared by the alliance's parties: each reads them all
-- and adds its own, signed with its workspace. An author who deletes their account leaves
-- answers signed "—" (the user link set to null clears the name, as app_delete_account does
-- for the shared history).
GRANT SELECT, INSERT ON alliance_guide_answers TO maillage_app;
--> statement-breakpoint
ALTER TABLE alliance_guide_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_guide_answers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_guide_answers_read ON alliance_guide_answers FOR SELECT TO maillage_app
  USING (EXISTS (SELECT 1 FROM app_workspace_alliances member_set WHERE member_set.alliance_id = alliance_guide_answers.alliance_id));
--> statement-breakpoint
CREATE POLICY alliance_guide_answers_insert ON alliance_guide_answers FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id() AND user_id = app_user_id()
    AND EXISTS (SELECT 1 FROM app_workspace_alliances member_set WHERE member_set.alliance_id = alliance_guide_answers.alliance_id));
--> statement-breakpoint
CREATE FUNCTION app_guide_answer_forget_author() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NEW.user_id IS NULL AND OLD.user_id IS NOT NULL THEN
    NEW.actor_name := '—';
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER alliance_guide_answers_forget_author BEFORE UPDATE OF user_id ON alliance_guide_answers
  FOR EACH ROW EXECUTE FUNCTION app_guide_answer_forget_author();
