-- The alliance list's text search, per workspace (issue 27). A search had to go through the
-- workspace's whole set of alliances: on national-1, 5,007 probes of the alliances' policy index,
-- each followed by the text test, about 10 ms of the database's time for one search. The
-- alliances' GIN index does not help: it is national, and a prefix such as "pani:*" matches
-- 161,000 rows across France, for 75 in the workspace.
--
-- This table holds one row per workspace and alliance the workspace is an accepted party to,
-- with a copy of the alliance's search vector and of the columns a row of the list shows. Its
-- primary key carries the columns a search filters and sorts by (INCLUDE), so a search reads the
-- workspace's entries next to each other in that index alone, and tests the text on each: about
-- 1 ms for 5,007 entries. The page's rows then come from this table too, not from `alliances`,
-- whose policy builds the workspace's array of 5,007 ids and scans it for each row read (about
-- 4 ms for a page of 50); the rows' other figures come from the child tables, under their own
-- policies, as before.
--
-- The app only reads it (its policy is the workspace column). Triggers on `alliances` and
-- `alliance_parties` keep it, through one SECURITY DEFINER function owned by maillage_figures,
-- the role that already keeps the derived figures (migration 0034).
CREATE TABLE "workspace_alliance_search" (
	"workspace_id" uuid NOT NULL,
	"alliance_id" uuid NOT NULL,
	"title" text NOT NULL,
	"stage" "lifecycle_stage" NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"tags" text[] NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	CONSTRAINT "workspace_alliance_search_pkey" PRIMARY KEY("workspace_id","alliance_id")
		INCLUDE ("archived_at", "updated_at", "title", "starts_on", "stage", "search_vector")
);
--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD CONSTRAINT "workspace_alliance_search_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD CONSTRAINT "workspace_alliance_search_alliance_id_alliances_id_fk" FOREIGN KEY ("alliance_id") REFERENCES "public"."alliances"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "workspace_alliance_search_alliance_idx" ON "workspace_alliance_search" USING btree ("alliance_id");
--> statement-breakpoint
ALTER TABLE workspace_alliance_search ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspace_alliance_search FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
GRANT SELECT ON workspace_alliance_search TO maillage_app;
--> statement-breakpoint
CREATE POLICY workspace_alliance_search_own ON workspace_alliance_search FOR SELECT TO maillage_app
  USING (workspace_id = (SELECT app_workspace_id()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON workspace_alliance_search TO maillage_figures;
--> statement-breakpoint
CREATE POLICY workspace_alliance_search_figures ON workspace_alliance_search FOR ALL TO maillage_figures
  USING (true) WITH CHECK (true);
--> statement-breakpoint
GRANT SELECT (id, title, stage, starts_on, ends_on, tags, updated_at, archived_at, created_at, search_vector) ON alliances TO maillage_figures;
--> statement-breakpoint
CREATE POLICY alliances_figures ON alliances FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
GRANT SELECT (status) ON alliance_parties TO maillage_figures;
--> statement-breakpoint
-- Makes the search rows of the given alliances what their alliance and party rows say: a row for
-- every workspace holding an accepted party, none for any other, each with the alliance's
-- current columns. Rows already right are not written again.
--
-- Two transactions refreshing one alliance take turns: each holds a lock per alliance (in id
-- order) until it ends, and reads the rows only once it has them, in a later statement, with a
-- fresh snapshot (a VOLATILE function's statements each take one). Without it, a party that left
-- while another party renamed the alliance got its row back from the rename's refresh, which had
-- not seen it leave (seen in a test, and on national-1). A refresh of more than 100 alliances at
-- once takes no lock: those come from imports of new alliances, a deleted workspace or a load,
-- and 5,000 advisory locks in one transaction would fill PostgreSQL's shared lock table. The
-- list also checks each row it shows against the party table, so a row left behind this way
-- is never shown.
CREATE FUNCTION app_search_refresh(p_alliances uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT count(*) FROM (
    SELECT pg_advisory_xact_lock(hashtext('maillage.workspace_alliance_search'), hashtext(ids.a::text))
    FROM (SELECT DISTINCT unnest(p_alliances) AS a ORDER BY 1) ids
    WHERE cardinality(p_alliances) <= 100) locked;
  DELETE FROM workspace_alliance_search s
  WHERE s.alliance_id = ANY (p_alliances)
    AND NOT EXISTS (SELECT 1 FROM alliance_parties p
      WHERE p.alliance_id = s.alliance_id AND p.workspace_id = s.workspace_id AND p.status = 'accepted');
  INSERT INTO workspace_alliance_search AS s
    (workspace_id, alliance_id, title, stage, starts_on, ends_on, tags, updated_at, archived_at, created_at, search_vector)
  SELECT p.workspace_id, a.id, a.title, a.stage, a.starts_on, a.ends_on, a.tags, a.updated_at, a.archived_at, a.created_at, a.search_vector
  FROM alliances a JOIN alliance_parties p ON p.alliance_id = a.id
  WHERE a.id = ANY (p_alliances) AND p.status = 'accepted' AND p.workspace_id IS NOT NULL
  ORDER BY p.workspace_id, a.id
  ON CONFLICT (workspace_id, alliance_id) DO UPDATE SET
    title = excluded.title, stage = excluded.stage, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
    tags = excluded.tags, updated_at = excluded.updated_at, archived_at = excluded.archived_at,
    created_at = excluded.created_at, search_vector = excluded.search_vector
  WHERE (s.title, s.stage, s.starts_on, s.ends_on, s.tags, s.updated_at, s.archived_at, s.created_at, s.search_vector)
    IS DISTINCT FROM (excluded.title, excluded.stage, excluded.starts_on, excluded.ends_on, excluded.tags,
      excluded.updated_at, excluded.archived_at, excluded.created_at, excluded.search_vector) $$;
--> statement-breakpoint
ALTER FUNCTION app_search_refresh(uuid[]) OWNER TO maillage_figures;
--> statement-breakpoint
-- The statement-level trigger function: the alliances whose search rows may have changed, from
-- the transition tables (an alliance whose copied columns did not change is left out), then one
-- refresh. It runs as the caller; only the refresh writes the table.
CREATE FUNCTION app_search_touch() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
DECLARE
  v_alliances uuid[] := '{}';
BEGIN
  IF TG_TABLE_NAME = 'alliances' THEN
    v_alliances := array(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.title, n.stage, n.starts_on, n.ends_on, n.tags, n.updated_at, n.archived_at, n.created_at, n.search_text)
        IS DISTINCT FROM (o.title, o.stage, o.starts_on, o.ends_on, o.tags, o.updated_at, o.archived_at, o.created_at, o.search_text));
  ELSIF TG_OP = 'INSERT' THEN
    v_alliances := array(SELECT DISTINCT r.alliance_id FROM new_rows r);
  ELSIF TG_OP = 'DELETE' THEN
    v_alliances := array(SELECT DISTINCT r.alliance_id FROM old_rows r);
  ELSE
    v_alliances := array(SELECT n.alliance_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.alliance_id, n.workspace_id, n.status) IS DISTINCT FROM (o.alliance_id, o.workspace_id, o.status)
      UNION SELECT o.alliance_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.alliance_id, n.workspace_id, n.status) IS DISTINCT FROM (o.alliance_id, o.workspace_id, o.status));
  END IF;
  IF cardinality(v_alliances) > 0 THEN
    PERFORM app_search_refresh(v_alliances);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER alliances_search_update AFTER UPDATE ON alliances
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_parties_search_insert AFTER INSERT ON alliance_parties
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_parties_search_update AFTER UPDATE ON alliance_parties
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_parties_search_delete AFTER DELETE ON alliance_parties
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
-- The rows of the data already there.
INSERT INTO workspace_alliance_search (workspace_id, alliance_id, title, stage, starts_on, ends_on, tags, updated_at, archived_at, created_at, search_vector)
SELECT p.workspace_id, a.id, a.title, a.stage, a.starts_on, a.ends_on, a.tags, a.updated_at, a.archived_at, a.created_at, a.search_vector
FROM alliances a JOIN alliance_parties p ON p.alliance_id = a.id
WHERE p.status = 'accepted' AND p.workspace_id IS NOT NULL;
