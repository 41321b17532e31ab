-- Invitations to co-own go to the organisation's verified workspace only (issue 20, identity
-- squatting): any workspace could name a SIREN already in the directory and, being bound to that
-- organisation, receive and accept invitations meant for it. The helper role that looks up an
-- organisation's workspace now reads the verified claim, and sees nothing else of the claims.
GRANT SELECT (organisation_id, workspace_id, status) ON organisation_claims TO maillage_helper;
--> statement-breakpoint
CREATE POLICY organisation_claims_helper ON organisation_claims FOR SELECT TO maillage_helper USING (status = 'verified');
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_workspace_of_organisation(p_organisation_id uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT c.workspace_id FROM organisation_claims c WHERE c.organisation_id = p_organisation_id AND c.status = 'verified' $$;
--> statement-breakpoint
-- An invitation addressed to a workspace that is not (or no longer) verified for the invited
-- organisation is not shown to it: once the verification is refused or withdrawn, the
-- invitation lapses (accepting it is refused too, in respondToCoOwnership).
CREATE OR REPLACE FUNCTION app_incoming_party_invitations()
  RETURNS TABLE (party_id uuid, alliance_id uuid, title text, role text, invited_by text, invited_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT p.id, a.id, a.title, p.role, o.name, p.invited_at
        FROM alliance_parties p
        JOIN alliances a ON a.id = p.alliance_id
        LEFT JOIN workspaces w ON w.id = p.invited_by_workspace_id
        LEFT JOIN organisations o ON o.id = w.organisation_id
        WHERE p.workspace_id = app_workspace_id() AND p.status = 'invited'
          AND (p.invitation_expires_at IS NULL OR p.invitation_expires_at > now())
          AND EXISTS (SELECT 1 FROM organisation_claims c
                      WHERE c.organisation_id = p.organisation_id AND c.workspace_id = p.workspace_id AND c.status = 'verified')
        ORDER BY p.invited_at DESC $$;
