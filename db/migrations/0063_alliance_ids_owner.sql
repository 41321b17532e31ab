-- app_alliance_ids() builds, once per statement that reads `alliances`, the array of the current
-- workspace's accepted alliance ids (the alliances policy, migration 0003). It was owned by
-- maillage_helper, which has two SELECT policies on alliance_parties (its own workspace's rows,
-- and the rows of an invitation token). PostgreSQL OR-ed them into a bitmap scan that read the
-- 5,007 party rows of a large workspace from the table: about 1.9 ms a call on national-1.
-- maillage_membership, which already owns the view app_workspace_alliances, has one policy
-- (USING true) and SELECT on the three columns the body reads, so the same query is an
-- index-only scan: about 1.2 ms a call (issue 27, BENCHMARKS.md). The body still keeps to the
-- current workspace's accepted rows; grants are unchanged (ALTER FUNCTION keeps them).
ALTER FUNCTION app_alliance_ids() OWNER TO maillage_membership;
