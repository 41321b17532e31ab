-- Co-ownership: a party row may carry another workspace, which then moves it through
-- invited → accepted | declined, and accepted → left. Co-parties may invite (set the row's
-- workspace with status invited), withdraw an invitation, or invite again after a refusal;
-- nobody answers for another workspace. Policies pin each target state; a trigger checks the
-- transitions, which WITH CHECK cannot see (it never sees OLD).
DROP POLICY alliance_parties_insert ON alliance_parties;
--> statement-breakpoint
DROP POLICY alliance_parties_update ON alliance_parties;
--> statement-breakpoint
CREATE POLICY alliance_parties_insert ON alliance_parties FOR INSERT TO maillage_app
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])
              AND (workspace_id IS NULL OR (status = 'invited' AND workspace_id <> app_workspace_id())));
--> statement-breakpoint
-- Its own row: only the workspace itself answers (accept, decline) or leaves.
CREATE POLICY alliance_parties_update_own ON alliance_parties FOR UPDATE TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id() AND status IN ('accepted', 'declined', 'left'));
--> statement-breakpoint
-- Other rows of an alliance it co-owns: named partners, invitations it sends or withdraws.
CREATE POLICY alliance_parties_update_others ON alliance_parties FOR UPDATE TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND workspace_id IS DISTINCT FROM app_workspace_id())
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])
              AND (workspace_id IS NULL
                   OR (workspace_id <> app_workspace_id() AND status IN ('invited', 'withdrawn', 'declined', 'left', 'accepted'))));
--> statement-breakpoint
CREATE FUNCTION app_check_party_transition() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
DECLARE
  me uuid := app_workspace_id();
  own boolean := NEW.workspace_id IS NOT DISTINCT FROM me;
BEGIN
  IF NEW.alliance_id <> OLD.alliance_id OR NEW.organisation_id <> OLD.organisation_id THEN
    RAISE EXCEPTION 'a party row keeps its alliance and organisation' USING ERRCODE = '42501';
  END IF;
  IF current_user <> 'maillage_app' THEN
    RETURN NEW;
  END IF;
  IF OLD.workspace_id IS DISTINCT FROM NEW.workspace_id THEN
    -- Only a named partner (no workspace) can be turned into an invitation, by a co-party.
    IF OLD.workspace_id IS NOT NULL OR NEW.status <> 'invited' OR own THEN
      RAISE EXCEPTION 'party workspace cannot change this way' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END IF;
  IF OLD.status = NEW.status THEN
    RETURN NEW;
  END IF;
  IF own AND OLD.status = 'invited' AND NEW.status IN ('accepted', 'declined') THEN
    RETURN NEW;
  END IF;
  IF own AND OLD.status = 'accepted' AND NEW.status = 'left' THEN
    RETURN NEW;
  END IF;
  IF NOT own AND OLD.status = 'invited' AND NEW.status = 'withdrawn' THEN
    RETURN NEW;
  END IF;
  IF NOT own AND OLD.status IN ('declined', 'withdrawn', 'left') AND NEW.status = 'invited' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'party status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER alliance_parties_transition BEFORE UPDATE ON alliance_parties
  FOR EACH ROW EXECUTE FUNCTION app_check_party_transition();
--> statement-breakpoint
-- Which workspace, if any, an organisation has on Maillage (to invite it to co-own).
GRANT SELECT ON workspaces TO maillage_helper;
--> statement-breakpoint
CREATE POLICY workspaces_helper ON workspaces FOR SELECT TO maillage_helper USING (true);
--> statement-breakpoint
CREATE FUNCTION app_workspace_of_organisation(p_organisation_id uuid) RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT w.id FROM workspaces w WHERE w.organisation_id = p_organisation_id ORDER BY w.created_at LIMIT 1 $$;
--> statement-breakpoint
ALTER FUNCTION app_workspace_of_organisation(uuid) OWNER TO maillage_helper;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_workspace_of_organisation(uuid) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_workspace_of_organisation(uuid) TO maillage_app;
--> statement-breakpoint
-- What an invited workspace may know before accepting: the alliance's title and who invites.
CREATE FUNCTION app_incoming_party_invitations()
  RETURNS TABLE (party_id uuid, alliance_id uuid, title text, role text, invited_by text, invited_at timestamptz)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT p.id, a.id, a.title, p.role, o.name, p.invited_at
        FROM alliance_parties p
        JOIN alliances a ON a.id = p.alliance_id
        LEFT JOIN workspaces w ON w.id = p.invited_by_workspace_id
        LEFT JOIN organisations o ON o.id = w.organisation_id
        WHERE p.workspace_id = app_workspace_id() AND p.status = 'invited'
        ORDER BY p.invited_at DESC $$;
--> statement-breakpoint
ALTER FUNCTION app_incoming_party_invitations() OWNER TO maillage_helper;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_incoming_party_invitations() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_incoming_party_invitations() TO maillage_app;
--> statement-breakpoint
CREATE POLICY alliances_helper_invited ON alliances FOR SELECT TO maillage_helper
  USING (id IN (SELECT p.alliance_id FROM alliance_parties p WHERE p.workspace_id = app_workspace_id() AND p.status = 'invited'));
