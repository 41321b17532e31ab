CREATE TYPE "public"."cycle_status" AS ENUM('open', 'closed');--> statement-breakpoint
CREATE TYPE "public"."impact_dimension" AS ENUM('performance', 'innovation', 'confiance');--> statement-breakpoint
CREATE TYPE "public"."indicator_direction" AS ENUM('higher', 'lower');--> statement-breakpoint
CREATE TYPE "public"."indicator_frequency" AS ENUM('monthly', 'quarterly', 'half_yearly', 'yearly', 'once');--> statement-breakpoint
CREATE TYPE "public"."participant_status" AS ENUM('pending', 'answered', 'missed');--> statement-breakpoint
CREATE TABLE "alliance_indicators" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"dimension" "impact_dimension" NOT NULL,
	"sdg_target" text,
	"direction" "indicator_direction" DEFAULT 'higher' NOT NULL,
	"baseline" numeric(16, 2),
	"target" numeric(16, 2),
	"frequency" "indicator_frequency" DEFAULT 'yearly' NOT NULL,
	"library_key" text,
	"created_by_workspace_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_answers" (
	"cycle_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"question_key" text NOT NULL,
	"dimension" text NOT NULL,
	"score" smallint NOT NULL,
	"justification" text NOT NULL,
	"evidence" text[] DEFAULT '{}'::text[] NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_answers_cycle_id_workspace_id_question_key_pk" PRIMARY KEY("cycle_id","workspace_id","question_key")
);
--> statement-breakpoint
CREATE TABLE "evaluation_cycles" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"period" text NOT NULL,
	"due_on" date NOT NULL,
	"questions" jsonb NOT NULL,
	"status" "cycle_status" DEFAULT 'open' NOT NULL,
	"opened_by_workspace_id" uuid,
	"opened_by" uuid,
	"closed_at" timestamp with time zone,
	"closed_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluation_participants" (
	"cycle_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"organisation_name" text NOT NULL,
	"status" "participant_status" DEFAULT 'pending' NOT NULL,
	"answered_at" timestamp with time zone,
	"answered_by" uuid,
	"reminded_at" timestamp with time zone,
	CONSTRAINT "evaluation_participants_cycle_id_workspace_id_pk" PRIMARY KEY("cycle_id","workspace_id")
);
--> statement-breakpoint
CREATE TABLE "indicator_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"indicator_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"workspace_id" uuid,
	"period" text NOT NULL,
	"period_end" date NOT NULL,
	"value" numeric(16, 2) NOT NULL,
	"note" text,
	"evidence_url" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "evaluation_questions" jsonb;--> statement-breakpoint
ALTER TABLE "alliance_indicators" ADD CONSTRAINT "alliance_indicators_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_indicators" ADD CONSTRAINT "alliance_indicators_created_by_workspace_id_workspaces_id_fk" FOREIGN KEY ("created_by_workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_cycle_id_evaluation_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."evaluation_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_answers" ADD CONSTRAINT "evaluation_answers_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD CONSTRAINT "evaluation_cycles_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD CONSTRAINT "evaluation_cycles_opened_by_workspace_id_workspaces_id_fk" FOREIGN KEY ("opened_by_workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_cycles" ADD CONSTRAINT "evaluation_cycles_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participants" ADD CONSTRAINT "evaluation_participants_cycle_id_evaluation_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."evaluation_cycles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participants" ADD CONSTRAINT "evaluation_participants_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participants" ADD CONSTRAINT "evaluation_participants_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_participants" ADD CONSTRAINT "evaluation_participants_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_results" ADD CONSTRAINT "indicator_results_indicator_id_alliance_indicators_id_fk" FOREIGN KEY ("indicator_id") REFERENCES "public"."alliance_indicators"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_results" ADD CONSTRAINT "indicator_results_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_results" ADD CONSTRAINT "indicator_results_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "indicator_results" ADD CONSTRAINT "indicator_results_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alliance_indicators_alliance_idx" ON "alliance_indicators" USING btree ("alliance_id");--> statement-breakpoint
CREATE INDEX "evaluation_cycles_alliance_idx" ON "evaluation_cycles" USING btree ("alliance_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "evaluation_cycles_open_idx" ON "evaluation_cycles" USING btree ("alliance_id") WHERE "evaluation_cycles"."status" = 'open';--> statement-breakpoint
CREATE INDEX "evaluation_participants_ws_idx" ON "evaluation_participants" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "indicator_results_indicator_idx" ON "indicator_results" USING btree ("indicator_id","period_end");