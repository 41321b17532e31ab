CREATE TABLE "observatory_figures" (
	"scope" text NOT NULL,
	"code" text NOT NULL,
	"section" text NOT NULL,
	"key" text NOT NULL,
	"alliances" integer,
	"organisations" integer,
	"cents" bigint,
	"hours" numeric,
	"score" numeric,
	CONSTRAINT "observatory_figures_pkey" PRIMARY KEY("scope","code","section","key")
);
--> statement-breakpoint
CREATE TABLE "observatory_refreshes" (
	"singleton" boolean DEFAULT true NOT NULL,
	"refreshed_at" timestamp with time zone NOT NULL,
	"duration_ms" integer NOT NULL,
	"alliances" integer NOT NULL,
	"figures" integer NOT NULL,
	CONSTRAINT "observatory_refreshes_pkey" PRIMARY KEY("singleton"),
	CONSTRAINT "observatory_refreshes_singleton_check" CHECK (singleton)
);
--> statement-breakpoint
-- The public observatory. The statistician computes it (server/jobs/observatory.ts) and writes
-- figures already perturbed by the cell key method (migration 0050): anyone may read them, the
-- public role included, since no row holds a true count, an alliance or an organisation.
ALTER TABLE observatory_figures ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE observatory_figures FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE observatory_refreshes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE observatory_refreshes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON observatory_figures, observatory_refreshes TO maillage_public, maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON observatory_figures TO maillage_statistician;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON observatory_refreshes TO maillage_statistician;
--> statement-breakpoint
CREATE POLICY observatory_figures_read ON observatory_figures FOR SELECT TO maillage_public, maillage_app USING (true);
--> statement-breakpoint
CREATE POLICY observatory_figures_statistician ON observatory_figures FOR ALL TO maillage_statistician USING (true) WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY observatory_refreshes_read ON observatory_refreshes FOR SELECT TO maillage_public, maillage_app USING (true);
--> statement-breakpoint
CREATE POLICY observatory_refreshes_statistician ON observatory_refreshes FOR ALL TO maillage_statistician USING (true) WITH CHECK (true);
--> statement-breakpoint
-- The evaluation tables: only what the observatory needs (which alliance, when closed, which
-- dimension, which score), never justifications, evidence or who answered.
GRANT SELECT (id, alliance_id, status, closed_at) ON evaluation_cycles TO maillage_statistician;
--> statement-breakpoint
GRANT SELECT (cycle_id, alliance_id, dimension, score) ON evaluation_answers TO maillage_statistician;
--> statement-breakpoint
CREATE POLICY evaluation_cycles_statistician ON evaluation_cycles FOR SELECT TO maillage_statistician USING (status = 'closed');
--> statement-breakpoint
CREATE POLICY evaluation_answers_statistician ON evaluation_answers FOR SELECT TO maillage_statistician USING (true);
