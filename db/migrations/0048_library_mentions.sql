ALTER TABLE "alliance_parties" ADD COLUMN "mention_consent" text;--> statement-breakpoint
ALTER TABLE "alliance_parties" ADD COLUMN "mention_answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE alliance_parties ADD CONSTRAINT alliance_parties_mention_consent_check CHECK (mention_consent IN ('granted', 'refused'));
--> statement-breakpoint
-- Who the library names, and how (issue 20). For each party of a published alliance:
--   confirmed   its workspace is the organisation's verified one (it approved the publication,
--               as every co-owning workspace must for the alliance to be published);
--   unverified  a co-owning workspace not verified for that organisation: never named;
--   declared    named by the co-owners only, for an organisation without a verified workspace,
--               or whose verified workspace agreed to appear: shown as declared by the
--               confirmed parties;
--   (left out)  named by the co-owners only, for an organisation whose verified workspace has
--               not answered or refused to appear.
CREATE FUNCTION app_public_parties(p_ids uuid[])
  RETURNS TABLE (alliance_id uuid, name text, kind text, role text, standing text, declared_by text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  WITH published AS (
    SELECT unnest(app_published_alliance_ids()) AS id
    INTERSECT
    SELECT unnest(p_ids)
  ), parties AS (
    SELECT p.alliance_id, p.workspace_id, p.role, p.mention_consent, o.name, o.kind::text AS kind,
           (SELECT c.workspace_id FROM organisation_claims c WHERE c.organisation_id = p.organisation_id AND c.status = 'verified') AS verified_workspace
      FROM alliance_parties p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.alliance_id IN (SELECT id FROM published) AND p.status = 'accepted'
  ), ranked AS (
    SELECT *, CASE
        WHEN workspace_id IS NOT NULL AND workspace_id = verified_workspace THEN 'confirmed'
        WHEN workspace_id IS NOT NULL THEN 'unverified'
        WHEN verified_workspace IS NULL OR mention_consent = 'granted' THEN 'declared'
        ELSE 'hidden' END AS standing
      FROM parties
  ), confirmed AS (
    SELECT r.alliance_id, string_agg(r.name, ', ' ORDER BY r.name) AS names FROM ranked r WHERE r.standing = 'confirmed' GROUP BY r.alliance_id
  )
  SELECT r.alliance_id, CASE WHEN r.standing = 'unverified' THEN NULL ELSE r.name END, r.kind, r.role, r.standing,
         CASE WHEN r.standing = 'declared' THEN c.names END
    FROM ranked r LEFT JOIN confirmed c ON c.alliance_id = r.alliance_id
    WHERE r.standing <> 'hidden'
    ORDER BY r.standing = 'confirmed' DESC, r.name $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_public_parties(uuid[]) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_public_parties(uuid[]) TO maillage_public, maillage_app;
--> statement-breakpoint
-- A verified workspace is asked before its organisation is named in the library by others: the
-- alliances asking for the public audience that name it without it co-owning them.
CREATE FUNCTION app_incoming_mention_requests()
  RETURNS TABLE (party_id uuid, alliance_id uuid, title text, summary text, role text, declared_by text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  SELECT p.id, a.id, a.title, a.summary, p.role,
         (SELECT string_agg(o.name, ', ' ORDER BY o.name) FROM alliance_parties q JOIN organisations o ON o.id = q.organisation_id
           WHERE q.alliance_id = a.id AND q.status = 'accepted' AND q.workspace_id IS NOT NULL)
    FROM alliance_parties p
    JOIN alliances a ON a.id = p.alliance_id
    JOIN organisation_claims c ON c.organisation_id = p.organisation_id AND c.status = 'verified'
    WHERE c.workspace_id = app_workspace_id() AND p.workspace_id IS NULL AND p.status = 'accepted'
      AND p.mention_consent IS NULL AND a.requested_audience = 'public' AND a.archived_at IS NULL
    ORDER BY a.updated_at DESC $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_incoming_mention_requests() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_incoming_mention_requests() TO maillage_app;
--> statement-breakpoint
-- Its answer, only for a party that names its own (verified) organisation; returns the alliance.
CREATE FUNCTION app_answer_mention(p_party_id uuid, p_granted boolean) RETURNS uuid
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  UPDATE alliance_parties p SET mention_consent = CASE WHEN p_granted THEN 'granted' ELSE 'refused' END, mention_answered_at = now()
    FROM organisation_claims c
    WHERE p.id = p_party_id AND p.workspace_id IS NULL AND p.status = 'accepted'
      AND c.organisation_id = p.organisation_id AND c.status = 'verified' AND c.workspace_id = app_workspace_id()
    RETURNING p.alliance_id $$;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_answer_mention(uuid, boolean) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_answer_mention(uuid, boolean) TO maillage_app;
--> statement-breakpoint
-- The in-app invitation list says whether the inviting workspace is verified for its organisation.
DROP FUNCTION app_incoming_party_invitations();
--> statement-breakpoint
CREATE FUNCTION app_incoming_party_invitations()
  RETURNS TABLE (party_id uuid, alliance_id uuid, title text, role text, invited_by text, invited_at timestamptz, inviter_verified boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT p.id, a.id, a.title, p.role, o.name, p.invited_at,
               EXISTS (SELECT 1 FROM organisation_claims v WHERE v.workspace_id = w.id AND v.organisation_id = w.organisation_id AND v.status = 'verified')
        FROM alliance_parties p
        JOIN alliances a ON a.id = p.alliance_id
        LEFT JOIN workspaces w ON w.id = p.invited_by_workspace_id
        LEFT JOIN organisations o ON o.id = w.organisation_id
        WHERE p.workspace_id = app_workspace_id() AND p.status = 'invited'
          AND (p.invitation_expires_at IS NULL OR p.invitation_expires_at > now())
          AND EXISTS (SELECT 1 FROM organisation_claims c
                      WHERE c.organisation_id = p.organisation_id AND c.workspace_id = p.workspace_id AND c.status = 'verified')
        ORDER BY p.invited_at DESC $$;
--> statement-breakpoint
ALTER FUNCTION app_incoming_party_invitations() OWNER TO maillage_helper;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_incoming_party_invitations() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_incoming_party_invitations() TO maillage_app;
