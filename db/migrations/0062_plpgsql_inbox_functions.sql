-- A workspace's pending co-ownership invitations and library mention requests, read on every
-- alliance list page and by "Mes actions". As SQL functions with SECURITY DEFINER, which
-- PostgreSQL does not inline, their query was planned again at every call: about 0.95 and
-- 0.47 ms a call on national-1, most of it planning five-table joins under row-level security.
-- In PL/pgSQL the same query's plan is kept by the connection (it has no parameters, so its one
-- plan serves every call): about 0.12 ms a call (issue 27, BENCHMARKS.md). Same results, same
-- owners and grants (CREATE OR REPLACE keeps them).
CREATE OR REPLACE FUNCTION app_incoming_party_invitations()
  RETURNS TABLE (party_id uuid, alliance_id uuid, title text, role text, invited_by text, invited_at timestamptz, inviter_verified boolean)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  RETURN QUERY
  SELECT p.id, a.id, a.title, p.role, o.name, p.invited_at,
         EXISTS (SELECT 1 FROM organisation_claims v WHERE v.workspace_id = w.id AND v.organisation_id = w.organisation_id AND v.status = 'verified')
    FROM alliance_parties p
    JOIN alliances a ON a.id = p.alliance_id
    LEFT JOIN workspaces w ON w.id = p.invited_by_workspace_id
    LEFT JOIN organisations o ON o.id = w.organisation_id
    WHERE p.workspace_id = app_workspace_id() AND p.status = 'invited'
      AND (p.invitation_expires_at IS NULL OR p.invitation_expires_at > now())
      AND EXISTS (SELECT 1 FROM organisation_claims c
                  WHERE c.organisation_id = p.organisation_id AND c.workspace_id = p.workspace_id AND c.status = 'verified')
    ORDER BY p.invited_at DESC;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_incoming_mention_requests()
  RETURNS TABLE (party_id uuid, alliance_id uuid, title text, summary text, role text, declared_by text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
BEGIN
  RETURN QUERY
  SELECT p.id, a.id, a.title, a.summary, p.role,
         (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM alliance_parties q JOIN organisations o ON o.id = q.organisation_id
           WHERE q.alliance_id = a.id AND q.status = 'accepted' AND q.workspace_id IS NOT NULL)
    FROM alliance_parties p
    JOIN alliances a ON a.id = p.alliance_id
    JOIN organisation_claims c ON c.organisation_id = p.organisation_id AND c.status = 'verified'
    WHERE c.workspace_id = app_workspace_id() AND p.workspace_id IS NULL AND p.status = 'accepted'
      AND p.mention_consent IS NULL AND a.requested_audience = 'public' AND a.archived_at IS NULL
    ORDER BY a.updated_at DESC;
END $$;
