CREATE TABLE "maturity_answers" (
	"assessment_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"levels" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "maturity_answers_assessment_id_user_id_pk" PRIMARY KEY("assessment_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "maturity_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"workspace_kind" text NOT NULL,
	"year" smallint NOT NULL,
	"questionnaire_version" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"levels" jsonb,
	"opened_by" uuid,
	"closed_by" uuid,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "maturity_answers" ADD CONSTRAINT "maturity_answers_assessment_id_maturity_assessments_id_fk" FOREIGN KEY ("assessment_id") REFERENCES "public"."maturity_assessments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_answers" ADD CONSTRAINT "maturity_answers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_answers" ADD CONSTRAINT "maturity_answers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "maturity_assessments" ADD CONSTRAINT "maturity_assessments_closed_by_users_id_fk" FOREIGN KEY ("closed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "maturity_assessments_one_open_idx" ON "maturity_assessments" USING btree ("workspace_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "maturity_assessments_peers_idx" ON "maturity_assessments" USING btree ("questionnaire_version","workspace_kind","status");--> statement-breakpoint
ALTER TABLE maturity_assessments ADD CONSTRAINT maturity_assessments_status_check CHECK (status IN ('open', 'closed'));
--> statement-breakpoint
-- A workspace's self-assessments and its members' answers are its own.
GRANT SELECT, INSERT, UPDATE ON maturity_assessments TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON maturity_answers TO maillage_app;
--> statement-breakpoint
ALTER TABLE maturity_assessments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_assessments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE maturity_answers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY maturity_assessments_own ON maturity_assessments FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY maturity_answers_own ON maturity_answers FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id() AND user_id = app_user_id());
--> statement-breakpoint
-- Peer comparison: the statistician reads closed assessments' levels only, through one function
-- that answers medians for at least 10 peers and nothing but the count below that.
GRANT SELECT (workspace_id, workspace_kind, questionnaire_version, status, levels, closed_at) ON maturity_assessments TO maillage_statistician;
--> statement-breakpoint
CREATE POLICY maturity_assessments_statistician ON maturity_assessments FOR SELECT TO maillage_statistician
  USING (status = 'closed');
--> statement-breakpoint
CREATE FUNCTION app_maturity_peers(p_version text, p_kind text, p_axes text[])
  RETURNS TABLE (axis text, median double precision, peers integer)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  WITH latest AS (
    SELECT DISTINCT ON (m.workspace_id) m.workspace_id, m.levels
      FROM maturity_assessments m
      WHERE m.status = 'closed' AND m.questionnaire_version = p_version AND m.workspace_kind = p_kind
        AND m.workspace_id IS DISTINCT FROM app_workspace_id()
      ORDER BY m.workspace_id, m.closed_at DESC
  ), counted AS (SELECT count(*)::int AS n FROM latest)
  SELECT a.axis,
         CASE WHEN c.n >= 10 THEN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY (l.levels ->> a.axis)::double precision)
                                     FROM latest l WHERE l.levels ? a.axis) END,
         c.n
    FROM unnest(p_axes) AS a(axis) CROSS JOIN counted c $$;
--> statement-breakpoint
ALTER FUNCTION app_maturity_peers(text, text, text[]) OWNER TO maillage_statistician;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_maturity_peers(text, text, text[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_maturity_peers(text, text, text[]) TO maillage_app;
