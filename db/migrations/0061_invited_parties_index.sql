-- The pending invitations of a workspace, read on every list page and by "Mes actions" through
-- app_incoming_party_invitations(). Under the helper role's policy on alliance_parties (the
-- invitation's token OR the workspace), PostgreSQL matched the workspace to alliance_parties_ws_idx
-- but not the status, and read every party row of the workspace: 2.8 ms a call on a workspace of
-- 5,000 alliances with no invitation, 1.1 ms with this index (issue 27, BENCHMARKS.md).
CREATE INDEX "alliance_parties_invited_idx" ON "alliance_parties" USING btree ("workspace_id") WHERE "alliance_parties"."status" = 'invited';