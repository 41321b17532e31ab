-- Policies that test `alliance_id IN (SELECT unnest(app_alliance_ids()))` made every statement
-- pay for the workspace's alliance set twice: once when it ran, and once when it was planned.
-- To estimate how many rows unnest() returns, the planner folds its argument, and folding a
-- STABLE function means calling it: app_alliance_ids() read the workspace's 5,000 party rows
-- during planning, once per table reference with such a policy (about 1.2 ms each; planning a
-- one-row read of alliance_mode_periods took 1.3 ms as the request role and 0.03 ms without
-- row-level security). Wrapped in a scalar sub-select, the call becomes a parameter the planner
-- cannot fold: it estimates a default row count and leaves the call to execution, where the set
-- is still built once per statement and probed as a hash. Each policy is rewritten from its own
-- definition, changing that call and nothing else.
DO $$
DECLARE
  pol record;
  bare constant text := 'unnest\(app_alliance_ids\(\)\)';
  wrapped constant text := 'unnest((SELECT app_alliance_ids()))';
  using_expr text;
  check_expr text;
BEGIN
  FOR pol IN
    SELECT p.polname, c.relname, pg_get_expr(p.polqual, p.polrelid) AS qual, pg_get_expr(p.polwithcheck, p.polrelid) AS checked
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public'
      AND (coalesce(pg_get_expr(p.polqual, p.polrelid), '') ~ bare OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~ bare)
  LOOP
    using_expr := regexp_replace(pol.qual, bare, wrapped, 'g');
    check_expr := regexp_replace(pol.checked, bare, wrapped, 'g');
    IF using_expr IS NOT NULL AND check_expr IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s) WITH CHECK (%s)', pol.polname, pol.relname, using_expr, check_expr);
    ELSIF using_expr IS NOT NULL THEN
      EXECUTE format('ALTER POLICY %I ON %I USING (%s)', pol.polname, pol.relname, using_expr);
    ELSE
      EXECUTE format('ALTER POLICY %I ON %I WITH CHECK (%s)', pol.polname, pol.relname, check_expr);
    END IF;
  END LOOP;
  IF EXISTS (SELECT 1 FROM pg_policy p
             WHERE coalesce(pg_get_expr(p.polqual, p.polrelid), '') ~ bare
                OR coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '') ~ bare) THEN
    RAISE EXCEPTION 'a policy still calls app_alliance_ids() where the planner folds it';
  END IF;
END
$$;
