-- The list's search rows carry the rest of what a row of the list shows, and a text index of
-- their own (issue 27, twelfth pass).
--
-- A search of national-1 ("paniers solidaires", 75 matches) spent about 3 ms of the database's
-- CPU in its statement: a third choosing the page (testing the words on each of the workspace's
-- 5,007 entries of the search rows' key), the rest completing the page's 50 rows from five child
-- tables, each row read through its table's policy. Measured on copies of national-1's rows, the
-- same statement over rows that carry those figures cost 1.7 ms, and 0.6 ms with the text index
-- below (BENCHMARKS.md).
--
-- The figures are the ones the general list computes from the child tables at read time: the
-- current mode, the guide answers of the current stage, the other parties' names, the last closed
-- and any running evaluation cycle, the SDG goals and the primary one. They are per alliance but
-- the partners, which leave out the reading workspace's own party. The evaluation light itself
-- depends on today's date, so the rows keep what it is computed from, not the light.
--
-- The text index: a GIN index over all workspaces' rows cannot find one workspace's matches
-- without gathering every workspace's (a prefix such as "pani:*" matches 161,000 alliances in
-- France). Each row's words are therefore also kept prefixed with a code of its workspace
-- (8 hexadecimal digits of the md5 of its id), and a search asks for the same prefixed words: the
-- index's entries for one workspace sit together. Two workspaces sharing a code would only make
-- the index return the other's rows too, which the workspace condition then drops.
ALTER TABLE "workspace_alliance_search" ADD COLUMN "scoped_vector" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD COLUMN "current_mode" "alliance_mode";--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD COLUMN "guide_answered" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD COLUMN "partner_names" text[];--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD COLUMN "last_closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD COLUMN "cycle_running" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD COLUMN "goal_list" smallint[];--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD COLUMN "primary_goal" smallint;--> statement-breakpoint
-- The search no longer reads the key's index for the columns it filters and sorts by, nor the
-- copy of the search vector (the scoped words are made from the alliance's own): the key goes
-- back to its two columns and the copy goes.
ALTER TABLE "workspace_alliance_search" DROP CONSTRAINT "workspace_alliance_search_pkey";--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" ADD CONSTRAINT "workspace_alliance_search_pkey" PRIMARY KEY ("workspace_id", "alliance_id");--> statement-breakpoint
ALTER TABLE "workspace_alliance_search" DROP COLUMN "search_vector";--> statement-breakpoint
-- A workspace's words: each lexeme of `p_vector` behind the workspace's code (no positions: the
-- list's search asks for words and prefixes only).
CREATE FUNCTION app_scoped_vector(p_workspace uuid, p_vector tsvector) RETURNS tsvector
  LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT array_to_tsvector(array(
    SELECT substr(md5(p_workspace::text), 1, 8) || l FROM unnest(tsvector_to_array(p_vector)) l)) $$;
--> statement-breakpoint
-- The same query for a workspace's words: every quoted lexeme of the query's text gets the code.
CREATE FUNCTION app_scoped_query(p_workspace uuid, p_query tsquery) RETURNS tsquery
  LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
  AS $$ SELECT regexp_replace(p_query::text, '''((?:[^'']|'''')*)''',
    '''' || substr(md5(p_workspace::text), 1, 8) || '\1''', 'g')::tsquery $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_scoped_vector(uuid, tsvector) FROM PUBLIC;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_scoped_query(uuid, tsquery) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_scoped_vector(uuid, tsvector) TO maillage_figures;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_scoped_query(uuid, tsquery) TO maillage_figures;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_workspace_id() TO maillage_figures;
--> statement-breakpoint
-- What the rows of the given alliances should hold, read by maillage_figures (which keeps them):
-- the columns of the child tables it needs, and a policy on each that shows every row.
GRANT SELECT (alliance_id, mode, starts_on) ON alliance_mode_periods TO maillage_figures;
--> statement-breakpoint
GRANT SELECT (alliance_id, stage, question_key) ON alliance_guide_answers TO maillage_figures;
--> statement-breakpoint
GRANT SELECT (alliance_id, status, closed_at) ON evaluation_cycles TO maillage_figures;
--> statement-breakpoint
GRANT SELECT (alliance_id, goal, is_primary) ON alliance_sdg_targets TO maillage_figures;
--> statement-breakpoint
GRANT SELECT (id, name) ON organisations TO maillage_figures;
--> statement-breakpoint
CREATE POLICY alliance_mode_periods_figures ON alliance_mode_periods FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
CREATE POLICY alliance_guide_answers_figures ON alliance_guide_answers FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
CREATE POLICY evaluation_cycles_figures ON evaluation_cycles FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
CREATE POLICY alliance_sdg_targets_figures ON alliance_sdg_targets FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
CREATE POLICY organisations_figures ON organisations FOR SELECT TO maillage_figures USING (true);
--> statement-breakpoint
-- The rows as their definition gives them: one per accepted party with a workspace. Filtered by
-- alliance id, PostgreSQL reads only those alliances (the condition reaches both keys).
CREATE VIEW app_search_expected AS
  SELECT p.workspace_id, a.id AS alliance_id, a.title, a.stage, a.starts_on, a.ends_on, a.tags, a.updated_at,
    a.archived_at, a.created_at, app_scoped_vector(p.workspace_id, a.search_vector) AS scoped_vector,
    (SELECT m.mode FROM alliance_mode_periods m WHERE m.alliance_id = a.id ORDER BY m.starts_on DESC LIMIT 1) AS current_mode,
    (SELECT count(DISTINCT g.question_key)::int FROM alliance_guide_answers g
      WHERE g.alliance_id = a.id AND g.stage = a.stage::text) AS guide_answered,
    (SELECT array_agg(o.name ORDER BY o.name) FROM alliance_parties q JOIN organisations o ON o.id = q.organisation_id
      WHERE q.alliance_id = a.id AND q.workspace_id IS DISTINCT FROM p.workspace_id) AS partner_names,
    c.last_closed_at, c.cycle_running, t.goal_list, t.primary_goal
  FROM alliances a
    JOIN alliance_parties p ON p.alliance_id = a.id
    CROSS JOIN LATERAL (SELECT max(e.closed_at) FILTER (WHERE e.status = 'closed') AS last_closed_at,
        coalesce(bool_or(e.status = 'open'), false) AS cycle_running
      FROM evaluation_cycles e WHERE e.alliance_id = a.id) c
    CROSS JOIN LATERAL (SELECT array_agg(DISTINCT s.goal ORDER BY s.goal) AS goal_list,
        min(s.goal) FILTER (WHERE s.is_primary) AS primary_goal
      FROM alliance_sdg_targets s WHERE s.alliance_id = a.id) t
  WHERE p.status = 'accepted' AND p.workspace_id IS NOT NULL;
--> statement-breakpoint
ALTER VIEW app_search_expected OWNER TO maillage_figures;
--> statement-breakpoint
REVOKE ALL ON app_search_expected FROM PUBLIC;
--> statement-breakpoint
-- The refresh of migration 0065 (its locks and its deletion unchanged), writing every column.
-- Now in PL/pgSQL, whose statements' plans are kept for the connection instead of made at each
-- call (a statement on a child table of one alliance of national-1: 1.8 ms with the SQL
-- function, 1.65 ms with this one, 0.37 ms without the refresh). Each statement still takes a
-- fresh snapshot (a VOLATILE function's do), which the locks rely on.
DROP FUNCTION app_search_refresh(uuid[]);
--> statement-breakpoint
CREATE FUNCTION app_search_refresh(p_alliances uuid[]) RETURNS void
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  IF cardinality(p_alliances) <= 100 THEN
    PERFORM pg_advisory_xact_lock(hashtext('maillage.workspace_alliance_search'), hashtext(ids.a::text))
    FROM (SELECT DISTINCT unnest(p_alliances) AS a ORDER BY 1) ids;
  END IF;
  DELETE FROM workspace_alliance_search s
  WHERE s.alliance_id = ANY (p_alliances)
    AND NOT EXISTS (SELECT 1 FROM alliance_parties p
      WHERE p.alliance_id = s.alliance_id AND p.workspace_id = s.workspace_id AND p.status = 'accepted');
  INSERT INTO workspace_alliance_search AS s
    (workspace_id, alliance_id, title, stage, starts_on, ends_on, tags, updated_at, archived_at, created_at,
     scoped_vector, current_mode, guide_answered, partner_names, last_closed_at, cycle_running, goal_list, primary_goal)
  SELECT e.workspace_id, e.alliance_id, e.title, e.stage, e.starts_on, e.ends_on, e.tags, e.updated_at, e.archived_at,
    e.created_at, e.scoped_vector, e.current_mode, e.guide_answered, e.partner_names, e.last_closed_at,
    e.cycle_running, e.goal_list, e.primary_goal
  FROM app_search_expected e
  WHERE e.alliance_id = ANY (p_alliances)
  ORDER BY e.workspace_id, e.alliance_id
  ON CONFLICT (workspace_id, alliance_id) DO UPDATE SET
    title = excluded.title, stage = excluded.stage, starts_on = excluded.starts_on, ends_on = excluded.ends_on,
    tags = excluded.tags, updated_at = excluded.updated_at, archived_at = excluded.archived_at,
    created_at = excluded.created_at, scoped_vector = excluded.scoped_vector,
    current_mode = excluded.current_mode, guide_answered = excluded.guide_answered,
    partner_names = excluded.partner_names, last_closed_at = excluded.last_closed_at,
    cycle_running = excluded.cycle_running, goal_list = excluded.goal_list, primary_goal = excluded.primary_goal
  WHERE (s.title, s.stage, s.starts_on, s.ends_on, s.tags, s.updated_at, s.archived_at, s.created_at, s.scoped_vector,
      s.current_mode, s.guide_answered, s.partner_names, s.last_closed_at, s.cycle_running, s.goal_list, s.primary_goal)
    IS DISTINCT FROM (excluded.title, excluded.stage, excluded.starts_on, excluded.ends_on, excluded.tags,
      excluded.updated_at, excluded.archived_at, excluded.created_at, excluded.scoped_vector, excluded.current_mode,
      excluded.guide_answered, excluded.partner_names, excluded.last_closed_at, excluded.cycle_running,
      excluded.goal_list, excluded.primary_goal);
END $$;
--> statement-breakpoint
-- Executable by every role, as before: the triggers call it as whoever writes, and it only makes
-- the rows what the tables say.
ALTER FUNCTION app_search_refresh(uuid[]) OWNER TO maillage_figures;
--> statement-breakpoint
-- A renamed organisation: the rows of every alliance it is a party to, whichever workspace holds
-- them (the trigger runs as the caller, who sees only its own workspace's alliances).
CREATE FUNCTION app_search_refresh_organisations(p_organisations uuid[]) RETURNS void
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT app_search_refresh(array(
    SELECT DISTINCT p.alliance_id FROM alliance_parties p WHERE p.organisation_id = ANY (p_organisations))) $$;
--> statement-breakpoint
ALTER FUNCTION app_search_refresh_organisations(uuid[]) OWNER TO maillage_figures;
--> statement-breakpoint
-- The trigger function of migration 0065, for the child tables and organisations as well. A party
-- whose organisation changes changes the other parties' partner names.
CREATE OR REPLACE FUNCTION app_search_touch() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
DECLARE
  v_alliances uuid[] := '{}';
  v_organisations uuid[];
BEGIN
  IF TG_TABLE_NAME = 'alliances' THEN
    v_alliances := array(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.title, n.stage, n.starts_on, n.ends_on, n.tags, n.updated_at, n.archived_at, n.created_at, n.search_text)
        IS DISTINCT FROM (o.title, o.stage, o.starts_on, o.ends_on, o.tags, o.updated_at, o.archived_at, o.created_at, o.search_text));
  ELSIF TG_TABLE_NAME = 'organisations' THEN
    v_organisations := array(SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.name IS DISTINCT FROM o.name);
    IF cardinality(v_organisations) > 0 THEN
      PERFORM app_search_refresh_organisations(v_organisations);
    END IF;
    RETURN NULL;
  ELSIF TG_OP = 'INSERT' THEN
    v_alliances := array(SELECT DISTINCT r.alliance_id FROM new_rows r);
  ELSIF TG_OP = 'DELETE' THEN
    v_alliances := array(SELECT DISTINCT r.alliance_id FROM old_rows r);
  ELSIF TG_TABLE_NAME = 'alliance_parties' THEN
    v_alliances := array(SELECT n.alliance_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.alliance_id, n.workspace_id, n.status, n.organisation_id) IS DISTINCT FROM (o.alliance_id, o.workspace_id, o.status, o.organisation_id)
      UNION SELECT o.alliance_id FROM new_rows n JOIN old_rows o ON o.id = n.id
      WHERE (n.alliance_id, n.workspace_id, n.status, n.organisation_id) IS DISTINCT FROM (o.alliance_id, o.workspace_id, o.status, o.organisation_id));
  ELSE
    v_alliances := array(SELECT n.alliance_id FROM new_rows n UNION SELECT o.alliance_id FROM old_rows o);
  END IF;
  IF cardinality(v_alliances) > 0 THEN
    PERFORM app_search_refresh(v_alliances);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER alliance_mode_periods_search_insert AFTER INSERT ON alliance_mode_periods
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_mode_periods_search_update AFTER UPDATE ON alliance_mode_periods
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_mode_periods_search_delete AFTER DELETE ON alliance_mode_periods
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_guide_answers_search_insert AFTER INSERT ON alliance_guide_answers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_guide_answers_search_update AFTER UPDATE ON alliance_guide_answers
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_guide_answers_search_delete AFTER DELETE ON alliance_guide_answers
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER evaluation_cycles_search_insert AFTER INSERT ON evaluation_cycles
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER evaluation_cycles_search_update AFTER UPDATE ON evaluation_cycles
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER evaluation_cycles_search_delete AFTER DELETE ON evaluation_cycles
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_sdg_targets_search_insert AFTER INSERT ON alliance_sdg_targets
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_sdg_targets_search_update AFTER UPDATE ON alliance_sdg_targets
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER alliance_sdg_targets_search_delete AFTER DELETE ON alliance_sdg_targets
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
CREATE TRIGGER organisations_search_update AFTER UPDATE ON organisations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_search_touch();
--> statement-breakpoint
-- The current workspace's search rows that match `p_query`, found through the text index, with
-- the columns a search filters and sorts by. The app's own reads of the table cannot use that
-- index: its policy (the workspace column) is a security barrier, and PostgreSQL uses an index
-- ahead of it only for leakproof operators, which @@ is not, so a search read the workspace's
-- 5,000 rows to test each. This function reads as maillage_figures, whose policy shows every
-- row, and keeps to the workspace the transaction is narrowed to; what it returns is what the
-- caller's own policy lets it read. The workspace test is written so that it cannot drive an
-- index either: a plan made once for every workspace would expect an average workspace's 65 rows
-- from the key and pick it over the text index. Returning the rows, rather than ids to look up
-- again, leaves the caller's plan no choice to make: given ids, a plan made for every workspace
-- chose, after an ANALYZE, to read the workspace's 5,007 entries and test each against the list
-- (2.7 ms instead of 0.4). A query with no word left (only stop words) matches nothing, and is
-- not sent to the index, which would then read all of its entries.
CREATE FUNCTION app_search_matches(p_query tsquery)
  RETURNS TABLE (alliance_id uuid, archived_at timestamptz, updated_at timestamptz, title text, starts_on date, stage lifecycle_stage)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp ROWS 100
  AS $$
BEGIN
  IF numnode(p_query) = 0 THEN
    RETURN;
  END IF;
  RETURN QUERY SELECT s.alliance_id, s.archived_at, s.updated_at, s.title, s.starts_on, s.stage
    FROM workspace_alliance_search s
    WHERE s.scoped_vector @@ app_scoped_query(app_workspace_id(), p_query)
      AND (s.workspace_id = app_workspace_id()) IS TRUE;
END $$;
--> statement-breakpoint
ALTER FUNCTION app_search_matches(tsquery) OWNER TO maillage_figures;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_search_matches(tsquery) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_search_matches(tsquery) TO maillage_app;
--> statement-breakpoint
-- The rows already there.
UPDATE workspace_alliance_search s SET
  scoped_vector = e.scoped_vector, current_mode = e.current_mode, guide_answered = e.guide_answered,
  partner_names = e.partner_names, last_closed_at = e.last_closed_at, cycle_running = e.cycle_running,
  goal_list = e.goal_list, primary_goal = e.primary_goal
FROM app_search_expected e
WHERE e.workspace_id = s.workspace_id AND e.alliance_id = s.alliance_id;
--> statement-breakpoint
CREATE INDEX "workspace_alliance_search_scoped_idx" ON "workspace_alliance_search" USING gin ("scoped_vector");
