CREATE TYPE "public"."organisation_kind" AS ENUM('association', 'fondation', 'entreprise', 'collectivite', 'intercommunalite', 'etablissement_public', 'autre');--> statement-breakpoint
CREATE TYPE "public"."alliance_mode" AS ENUM('pratiques_responsables', 'mecenat', 'cooperation_economique', 'innovation_societale');--> statement-breakpoint
CREATE TYPE "public"."contribution_kind" AS ENUM('argent', 'biens_nature', 'locaux_logistique', 'heures_competences', 'heures_benevolat', 'autre');--> statement-breakpoint
CREATE TYPE "public"."lifecycle_stage" AS ENUM('preparation_partenaires', 'preparation_partenariat', 'contractualisation', 'pilotage', 'evaluation', 'termine');--> statement-breakpoint
CREATE TYPE "public"."party_status" AS ENUM('invited', 'accepted', 'declined', 'left', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."territory_level" AS ENUM('national', 'region', 'departement', 'epci', 'commune');--> statement-breakpoint
CREATE TYPE "public"."timeline_kind" AS ENUM('note', 'meeting', 'milestone', 'document');--> statement-breakpoint
CREATE TABLE "organisation_contacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text,
	"email" text,
	"phone" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"search_name" text NOT NULL,
	"kind" "organisation_kind" NOT NULL,
	"siren" text,
	"siret" text,
	"rna" text,
	"legal_category" text,
	"commune_code" text,
	"departement_code" text,
	"region_code" text,
	"website" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workspace_organisations" (
	"workspace_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"notes" text,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_organisations_workspace_id_organisation_id_pk" PRIMARY KEY("workspace_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "alliance_contributions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"party_id" uuid NOT NULL,
	"kind" "contribution_kind" NOT NULL,
	"quantity" numeric(14, 2) NOT NULL,
	"unit" text NOT NULL,
	"value_cents" bigint,
	"hourly_rate_cents" integer,
	"occurred_on" date NOT NULL,
	"note" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliance_engagements" (
	"alliance_id" uuid NOT NULL,
	"scheme" text NOT NULL,
	"employees" integer,
	"hours" numeric(12, 2),
	CONSTRAINT "alliance_engagements_alliance_id_scheme_pk" PRIMARY KEY("alliance_id","scheme")
);
--> statement-breakpoint
CREATE TABLE "alliance_mode_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"mode" "alliance_mode" NOT NULL,
	"mecenat_forms" text[] DEFAULT '{}'::text[] NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date
);
--> statement-breakpoint
CREATE TABLE "alliance_parties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"workspace_id" uuid,
	"role" text NOT NULL,
	"status" "party_status" DEFAULT 'accepted' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliance_sdg_targets" (
	"alliance_id" uuid NOT NULL,
	"target" text NOT NULL,
	"goal" smallint NOT NULL,
	"is_primary" boolean DEFAULT false NOT NULL,
	CONSTRAINT "alliance_sdg_targets_alliance_id_target_pk" PRIMARY KEY("alliance_id","target")
);
--> statement-breakpoint
CREATE TABLE "alliance_territories" (
	"alliance_id" uuid NOT NULL,
	"level" "territory_level" NOT NULL,
	"code" text NOT NULL,
	"departement_code" text,
	"region_code" text,
	CONSTRAINT "alliance_territories_alliance_id_level_code_pk" PRIMARY KEY("alliance_id","level","code")
);
--> statement-breakpoint
CREATE TABLE "alliance_timeline" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alliance_id" uuid NOT NULL,
	"kind" timeline_kind NOT NULL,
	"title" text NOT NULL,
	"body" text,
	"url" text,
	"occurred_on" date NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alliances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"stage" "lifecycle_stage" DEFAULT 'preparation_partenariat' NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"territory_scope" "territory_level" DEFAULT 'national' NOT NULL,
	"entry_doors" text[] DEFAULT '{}'::text[] NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"search_text" text DEFAULT '' NOT NULL,
	"search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('french', search_text)) STORED,
	"archived_at" timestamp with time zone,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "organisation_id" uuid;--> statement-breakpoint
ALTER TABLE "workspaces" ADD COLUMN "hourly_rate_cents" integer;--> statement-breakpoint
ALTER TABLE "organisation_contacts" ADD CONSTRAINT "organisation_contacts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_contacts" ADD CONSTRAINT "organisation_contacts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_organisations" ADD CONSTRAINT "workspace_organisations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_organisations" ADD CONSTRAINT "workspace_organisations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_contributions" ADD CONSTRAINT "alliance_contributions_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_contributions" ADD CONSTRAINT "alliance_contributions_party_id_alliance_parties_id_fk" FOREIGN KEY ("party_id") REFERENCES "public"."alliance_parties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_contributions" ADD CONSTRAINT "alliance_contributions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_engagements" ADD CONSTRAINT "alliance_engagements_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_mode_periods" ADD CONSTRAINT "alliance_mode_periods_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD CONSTRAINT "alliance_parties_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD CONSTRAINT "alliance_parties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD CONSTRAINT "alliance_parties_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_sdg_targets" ADD CONSTRAINT "alliance_sdg_targets_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_territories" ADD CONSTRAINT "alliance_territories_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_timeline" ADD CONSTRAINT "alliance_timeline_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliance_timeline" ADD CONSTRAINT "alliance_timeline_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "alliances" ADD CONSTRAINT "alliances_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organisation_contacts_workspace_idx" ON "organisation_contacts" USING btree ("workspace_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_siren_idx" ON "organisations" USING btree ("siren") WHERE "organisations"."siren" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_siret_idx" ON "organisations" USING btree ("siret") WHERE "organisations"."siret" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "organisations_rna_idx" ON "organisations" USING btree ("rna") WHERE "organisations"."rna" is not null;--> statement-breakpoint
CREATE INDEX "organisations_search_name_idx" ON "organisations" USING btree ("search_name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "alliance_contributions_alliance_idx" ON "alliance_contributions" USING btree ("alliance_id","occurred_on");--> statement-breakpoint
CREATE INDEX "alliance_mode_periods_alliance_idx" ON "alliance_mode_periods" USING btree ("alliance_id","starts_on");--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_parties_organisation_idx" ON "alliance_parties" USING btree ("alliance_id","organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alliance_parties_workspace_idx" ON "alliance_parties" USING btree ("alliance_id","workspace_id") WHERE "alliance_parties"."workspace_id" is not null;--> statement-breakpoint
CREATE INDEX "alliance_parties_ws_idx" ON "alliance_parties" USING btree ("workspace_id","status","alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_parties_org_idx" ON "alliance_parties" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "alliance_sdg_targets_goal_idx" ON "alliance_sdg_targets" USING btree ("goal","alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_sdg_targets_target_idx" ON "alliance_sdg_targets" USING btree ("target","alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_territories_region_idx" ON "alliance_territories" USING btree ("region_code","alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_territories_departement_idx" ON "alliance_territories" USING btree ("departement_code","alliance_id");--> statement-breakpoint
CREATE INDEX "alliance_timeline_alliance_idx" ON "alliance_timeline" USING btree ("alliance_id","occurred_on");--> statement-breakpoint
CREATE INDEX "alliances_search_idx" ON "alliances" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "alliances_updated_idx" ON "alliances" USING btree ("updated_at" DESC NULLS LAST,"id");