-- Row-level security at national scale (issue 8). Every policy on an alliance's tables calls
-- app_alliance_ids() once per statement; for a workspace of 5,000 alliances it cost about 10 ms:
-- as a SQL function with SET search_path it was planned again at each call, and the helper
-- role's own policies on alliance_parties re-read the tenant setting (text to uuid) for every
-- row. Now the function is PL/pgSQL (its plan is cached per session) and reads the workspace id
-- once; the policies compare against `(SELECT app_workspace_id())`, computed once per statement.
-- Same rows, same owner, same grants.
CREATE OR REPLACE FUNCTION app_alliance_ids() RETURNS uuid[] LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  current_workspace uuid := app_workspace_id();
BEGIN
  IF current_workspace IS NULL THEN
    RETURN '{}';
  END IF;
  RETURN (SELECT coalesce(array_agg(p.alliance_id), '{}') FROM alliance_parties p
          WHERE p.workspace_id = current_workspace AND p.status = 'accepted');
END
$$;
--> statement-breakpoint
ALTER POLICY alliance_parties_helper ON alliance_parties USING (workspace_id = (SELECT app_workspace_id()));
--> statement-breakpoint
ALTER POLICY alliance_parties_helper_token ON alliance_parties USING (invitation_token_hash = (SELECT app_invitation_token_hash()));
--> statement-breakpoint
ALTER POLICY alliance_parties_helper_accept ON alliance_parties
  USING (invitation_token_hash = (SELECT app_invitation_token_hash()) AND workspace_id IS NULL AND status = 'invited');
--> statement-breakpoint
-- A workspace's own party rows match on the cheap equality first: the array test scans the
-- whole array for each row and is only needed for the other parties' rows.
ALTER POLICY alliance_parties_select ON alliance_parties
  USING (workspace_id = (SELECT app_workspace_id()) OR alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
-- The tables that hang off an alliance test `alliance_id IN (SELECT unnest(app_alliance_ids()))`
-- instead of `alliance_id = ANY (array)`: PostgreSQL keeps the set as one hash per statement and
-- probes it per row, where the array form was an index condition re-sorting the 5,000-element
-- array on every rescan (about 0.1 ms per alliance in correlated subqueries: seconds on a
-- dashboard). `alliances` keeps the array form, which drives its primary-key index. Every
-- policy is rewritten from its own definition, so nothing else in it changes.
DO $$
DECLARE
  pol record;
  pattern constant text := 'alliance_id = ANY \(\(\s*SELECT app_alliance_ids\(\) AS app_alliance_ids\)::uuid\[\]\)';
  hashed constant text := 'alliance_id IN (SELECT unnest(app_alliance_ids()))';
  using_expr text;
  check_expr text;
BEGIN
  FOR pol IN
    SELECT p.polname, c.relname, pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS checked
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relname <> 'alliances'
      AND (pg_get_expr(p.polqual, p.polrelid) ~ pattern OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~ pattern)
  LOOP
    using_expr := regexp_replace(pol.qual, pattern, hashed, 'g');
    check_expr := regexp_replace(pol.checked, pattern, hashed, 'g');
    IF using_expr IS NOT NULL AND check_expr IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)', pol.polname, pol.relname, using_expr, check_expr);
    ELSIF using_expr IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s)', pol.polname, pol.relname, using_expr);
    ELSE
      EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', pol.polname, pol.relname, check_expr);
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid
             WHERE c.relname <> 'alliances'
               AND (pg_get_expr(p.polqual, p.polrelid) ~ 'ANY \(\(\s*SELECT app_alliance_ids'
                    OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~ 'ANY \(\(\s*SELECT app_alliance_ids')) THEN
    RAISE EXCEPTION 'a policy still tests app_alliance_ids() as an array';
  END IF;
END
$$;
