-- Inviting a partner that has no workspace yet, by email. The party row stays a named partner
-- (no workspace) carrying the invited address and the SHA-256 of a token; it grants nothing.
-- The person who opens the link signs in, picks (or creates) the workspace of that
-- organisation, and accepts through app_accept_party_invitation(), which checks everything the
-- request role could not: the token (set as app.invitation_token_hash for the transaction),
-- expiry, the address, the person's admin role in the workspace, and that the workspace is
-- that organisation's (or has no organisation yet, and then becomes it).
GRANT UPDATE (workspace_id, status, responded_at) ON alliance_parties TO maillage_helper;
--> statement-breakpoint
GRANT UPDATE (organisation_id) ON workspaces TO maillage_helper;
--> statement-breakpoint
GRANT SELECT (workspace_id, user_id, role) ON memberships TO maillage_helper;
--> statement-breakpoint
GRANT SELECT (id, email) ON users TO maillage_helper;
--> statement-breakpoint
CREATE POLICY alliance_parties_helper_token ON alliance_parties FOR SELECT TO maillage_helper
  USING (invitation_token_hash = app_invitation_token_hash());
--> statement-breakpoint
CREATE POLICY alliance_parties_helper_accept ON alliance_parties FOR UPDATE TO maillage_helper
  USING (invitation_token_hash = app_invitation_token_hash() AND workspace_id IS NULL AND status = 'invited')
  WITH CHECK (invitation_token_hash = app_invitation_token_hash() AND workspace_id IS NOT NULL AND status = 'accepted');
--> statement-breakpoint
CREATE POLICY alliances_helper_token ON alliances FOR SELECT TO maillage_helper
  USING (id IN (SELECT p.alliance_id FROM alliance_parties p WHERE p.invitation_token_hash = app_invitation_token_hash()));
--> statement-breakpoint
CREATE POLICY memberships_helper ON memberships FOR SELECT TO maillage_helper
  USING (user_id = app_user_id());
--> statement-breakpoint
CREATE POLICY users_helper ON users FOR SELECT TO maillage_helper
  USING (id = app_user_id());
--> statement-breakpoint
CREATE POLICY workspaces_helper_link ON workspaces FOR UPDATE TO maillage_helper
  USING (organisation_id IS NULL AND id IN (SELECT m.workspace_id FROM memberships m WHERE m.user_id = app_user_id() AND m.role IN ('owner', 'admin')))
  WITH CHECK (organisation_id IS NOT NULL);
--> statement-breakpoint
-- What the link's holder may know: the alliance's title, the organisation invited, who invites,
-- the address, the state. Nothing else of the alliance until accepted.
CREATE FUNCTION app_party_invitation_preview()
  RETURNS TABLE (party_id uuid, alliance_id uuid, title text, organisation_id uuid, organisation_name text,
                 invited_by text, invited_email text, expires_at timestamptz, status party_status, workspace_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT p.id, a.id, a.title, o.id, o.name, io.name, p.invited_email, p.invitation_expires_at, p.status, p.workspace_id
        FROM alliance_parties p
        JOIN alliances a ON a.id = p.alliance_id
        JOIN organisations o ON o.id = p.organisation_id
        LEFT JOIN workspaces w ON w.id = p.invited_by_workspace_id
        LEFT JOIN organisations io ON io.id = w.organisation_id
        WHERE app_invitation_token_hash() IS NOT NULL AND p.invitation_token_hash = app_invitation_token_hash() $$;
--> statement-breakpoint
ALTER FUNCTION app_party_invitation_preview() OWNER TO maillage_helper;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_party_invitation_preview() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_party_invitation_preview() TO maillage_app;
--> statement-breakpoint
CREATE FUNCTION app_accept_party_invitation(p_workspace_id uuid) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  party record;
  me_email text;
  ws_org uuid;
  ws_found boolean;
BEGIN
  SELECT p.id, p.alliance_id, p.organisation_id, p.invited_email, p.invitation_expires_at, p.status, p.workspace_id
    INTO party FROM alliance_parties p
    WHERE app_invitation_token_hash() IS NOT NULL AND p.invitation_token_hash = app_invitation_token_hash()
    FOR UPDATE;
  IF NOT FOUND OR party.status <> 'invited' OR party.workspace_id IS NOT NULL THEN
    RAISE EXCEPTION 'no open invitation for this link' USING ERRCODE = 'P0002';
  END IF;
  IF party.invitation_expires_at < now() THEN
    RAISE EXCEPTION 'the invitation has expired' USING ERRCODE = '42501';
  END IF;
  SELECT u.email INTO me_email FROM users u WHERE u.id = app_user_id();
  IF me_email IS NULL OR lower(me_email) <> lower(party.invited_email) THEN
    RAISE EXCEPTION 'the invitation was sent to another address' USING ERRCODE = '42501';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM memberships m WHERE m.workspace_id = p_workspace_id AND m.user_id = app_user_id() AND m.role IN ('owner', 'admin')) THEN
    RAISE EXCEPTION 'only an admin of the workspace accepts for it' USING ERRCODE = '42501';
  END IF;
  SELECT true, w.organisation_id INTO ws_found, ws_org FROM workspaces w WHERE w.id = p_workspace_id;
  IF ws_found IS NULL THEN
    RAISE EXCEPTION 'no such workspace' USING ERRCODE = '42501';
  END IF;
  IF ws_org IS NULL THEN
    UPDATE workspaces SET organisation_id = party.organisation_id WHERE id = p_workspace_id;
  ELSIF ws_org <> party.organisation_id THEN
    RAISE EXCEPTION 'this workspace belongs to another organisation' USING ERRCODE = '42501';
  END IF;
  UPDATE alliance_parties SET workspace_id = p_workspace_id, status = 'accepted', responded_at = now()
    WHERE id = party.id;
  RETURN party.alliance_id;
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_accept_party_invitation(uuid) OWNER TO maillage_helper;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_accept_party_invitation(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_accept_party_invitation(uuid) TO maillage_app;
