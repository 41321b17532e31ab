-- Nearly every statement of a request builds the workspace's alliance set (app_alliance_ids())
-- from its accepted party rows, through an index-only scan of alliance_parties_ws_idx. That scan
-- stays index-only only while the visibility map says the rows' pages are all-visible; otherwise
-- it reads the table for each row (for a 5,000-alliance workspace: 1.6 ms instead of 0.4, in
-- every statement). Two defaults let pages stay not-all-visible:
-- - PostgreSQL skips the index clean-up of a vacuum when under 2 % of the table's pages hold dead
--   rows, and a page keeping dead row pointers is not marked all-visible: after one workspace's
--   party rows were updated, a vacuum left its 5,007 rows behind heap fetches (BENCHMARKS.md);
-- - autovacuum waits for 20 % of the table to change, 600,000 rows at national scale, so new
--   and updated party rows could wait a long time.
-- Vacuuming this table is cheap (it skips pages already all-visible), so it is vacuumed with its
-- index clean-up always, and after about a thousandth of it changed or was added.
ALTER TABLE alliance_parties SET (
  vacuum_index_cleanup = on,
  autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_scale_factor = 0.001,
  autovacuum_vacuum_insert_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.001
);
