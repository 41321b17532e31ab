-- Row-level security at national scale (issue 8, sixth session). The policies of an alliance's
-- child tables tested `alliance_id IN (SELECT unnest((SELECT app_alliance_ids())))`: every
-- statement built the workspace's whole alliance set and hashed it, about 2.5 ms for a workspace
-- of 5,000 alliances, even to read the two mode periods of one alliance (the detail page ran ten
-- such statements). They now ask, for the rows they meet, whether the workspace is an accepted
-- party: `EXISTS (SELECT 1 FROM app_workspace_alliances m WHERE m.alliance_id = <row>.alliance_id)`.
-- The view is planned inline, so PostgreSQL probes the party index once per row (a few
-- microseconds) or, where it expects many rows, hashes the set once as before.
--
-- The view reads alliance_parties with its owner's rights. Its owner, maillage_membership, logs in
-- never, owns nothing else, and sees party rows through one policy, `USING (true)`, that has no
-- sub-select: so the view can be used inside alliance_parties' own policies without PostgreSQL
-- finding a policy that reads the table it protects. (The helper role's policies call
-- app_workspace_id() in sub-selects, which would make that a recursion.) What the view shows is
-- what the request role already sees: the ids of its own workspace's accepted alliances.
--
-- `alliances` keeps `id = ANY ((SELECT app_alliance_ids())::uuid[])`, which drives its primary-key
-- index; app_alliance_ids() stays for it.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_membership') THEN
    CREATE ROLE maillage_membership NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'maillage_membership', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_membership TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_membership;
--> statement-breakpoint
GRANT SELECT (alliance_id, workspace_id, status) ON alliance_parties TO maillage_membership;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_workspace_id() TO maillage_membership;
--> statement-breakpoint
CREATE POLICY alliance_parties_membership ON alliance_parties FOR SELECT TO maillage_membership USING (true);
--> statement-breakpoint
-- A security barrier: a condition written against the view (a cast that fails, say) is only
-- evaluated on the rows the view shows, so it cannot reveal other workspaces' party rows through
-- an error. The policies' `=` on uuid is leakproof and still reaches the party index.
CREATE VIEW app_workspace_alliances WITH (security_barrier) AS
  SELECT p.alliance_id FROM alliance_parties p WHERE p.workspace_id = app_workspace_id() AND p.status = 'accepted';
--> statement-breakpoint
ALTER VIEW app_workspace_alliances OWNER TO maillage_membership;
--> statement-breakpoint
REVOKE ALL ON app_workspace_alliances FROM PUBLIC;
--> statement-breakpoint
-- Each policy is rewritten from its own definition, replacing the set test and nothing else; the
-- roles the rewritten policies apply to are given the view. The pattern accepts how PostgreSQL 15
-- and PGlite's PostgreSQL print the expression, qualified column or not.
DO $$
DECLARE
  pol record;
  set_test constant text := '\((\w+\.)?alliance_id IN \(\s*SELECT unnest\(\(\s*SELECT app_alliance_ids\(\)( AS app_alliance_ids)?\)\)( AS unnest)?\)\)';
  using_expr text;
  check_expr text;
  member_test constant text := '(EXISTS (SELECT 1 FROM app_workspace_alliances member_set WHERE member_set.alliance_id = \1alliance_id))';
  bare_column constant text := '\(alliance_id IN \(\s*SELECT unnest';
  reader name;
BEGIN
  FOR pol IN
    SELECT p.polname, c.relname, p.polroles, pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS checked
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public'
      AND (coalesce(pg_get_expr(p.polqual, p.polrelid), '') ~ set_test OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~ set_test)
  LOOP
    -- An unqualified column is first qualified with the policy's table, so that it still means
    -- the protected row inside the sub-select; a qualified one keeps its alias.
    using_expr := regexp_replace(regexp_replace(pol.qual, bare_column, format('(%I.alliance_id IN (SELECT unnest', pol.relname), 'g'), set_test, member_test, 'g');
    check_expr := regexp_replace(regexp_replace(pol.checked, bare_column, format('(%I.alliance_id IN (SELECT unnest', pol.relname), 'g'), set_test, member_test, 'g');
    IF using_expr IS NOT NULL AND check_expr IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)', pol.polname, pol.relname, using_expr, check_expr);
    ELSIF using_expr IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s)', pol.polname, pol.relname, using_expr);
    ELSE
      EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', pol.polname, pol.relname, check_expr);
    END IF;
    FOR reader IN SELECT r.rolname FROM pg_roles r WHERE r.oid = ANY (pol.polroles) LOOP
      EXECUTE format('GRANT SELECT ON app_workspace_alliances TO %I', reader);
    END LOOP;
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_policy p
             WHERE coalesce(pg_get_expr(p.polqual, p.polrelid), '') ~ 'unnest\(\(\s*SELECT app_alliance_ids'
                OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~ 'unnest\(\(\s*SELECT app_alliance_ids') THEN
    RAISE EXCEPTION 'a policy still builds the workspace''s alliance set for each statement';
  END IF;
END
$$;
