-- Row-level security on `alliances` tests its array of the workspace's alliances against a copy of
-- the id, `policy_key`, with an index of its own, instead of the id itself (issue 27).
--
-- PostgreSQL 15's btree does not merge two arrays on the same column. The alliance list reads its
-- page's rows by id (`id = ANY(<the page's 50 ids>)`), and the policy added
-- `id = ANY(<the workspace's 5,007 ids>)`: both became conditions of one primary-key scan, which
-- stepped through the pairs of the two arrays, 11.5 ms for 50 rows against 0.1 ms for the ids
-- alone (national dataset, BENCHMARKS.md). A read of one alliance by id paid the same way, sorting
-- the workspace's array at each scan. With the policy on its own column, a read by id can use the
-- primary key and test the array as a filter on the rows it found, while a read of the whole
-- workspace (the list's first page, counts, dashboards) still walks the policy column's index by
-- the array, as before. The policy's shape is otherwise the one isolation.md chose: one InitPlan
-- per statement, an index condition available.
ALTER TABLE "alliances" ADD COLUMN "policy_key" uuid GENERATED ALWAYS AS (id) STORED;--> statement-breakpoint
CREATE UNIQUE INDEX "alliances_policy_key_idx" ON "alliances" USING btree ("policy_key");--> statement-breakpoint
ALTER POLICY alliances_member ON alliances
  USING (policy_key = ANY ((SELECT app_alliance_ids())::uuid[]))
  WITH CHECK (policy_key = ANY ((SELECT app_alliance_ids())::uuid[]));
