-- An invitation to co-own sent to a workspace that loses its verification is withdrawn (issue 20),
-- not merely hidden: the inviting workspace sees it withdrawn and may invite again once a
-- workspace is verified for the organisation. The operator who revokes (or refuses) a claim runs
-- this; each withdrawal leaves an audit row in the workspace that had invited.
CREATE FUNCTION app_withdraw_invitations_of_claim(p_claim_id uuid) RETURNS integer
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  withdrawn integer;
BEGIN
  WITH lapsed AS (
    UPDATE alliance_parties p SET status = 'withdrawn', responded_at = now()
      FROM organisation_claims c
      WHERE c.id = p_claim_id AND c.status IN ('revoked', 'refused')
        AND p.workspace_id = c.workspace_id AND p.organisation_id = c.organisation_id AND p.status = 'invited'
      RETURNING p.alliance_id, p.invited_by_workspace_id, p.organisation_id
  ), logged AS (
    INSERT INTO audit_events (workspace_id, actor_user_id, action, entity_type, entity_id, before, after)
      SELECT l.invited_by_workspace_id, NULL, 'share.withdraw', 'alliance', l.alliance_id::text,
             jsonb_build_object('organisation', o.name), jsonb_build_object('reason', 'verification.revoke')
        FROM lapsed l JOIN organisations o ON o.id = l.organisation_id
        WHERE l.invited_by_workspace_id IS NOT NULL
      RETURNING 1
  )
  SELECT count(*) INTO withdrawn FROM lapsed;
  RETURN withdrawn;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_withdraw_invitations_of_claim(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_withdraw_invitations_of_claim(uuid) TO maillage_operator;
