-- The definer functions of 0047 and 0048 belonged to the migrating role, which bypasses
-- row-level security. Like every other definer function here, each now belongs to a role that
-- holds exactly what it reads and writes, under policies of its own.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_mentions') THEN
    CREATE ROLE maillage_mentions NOLOGIN NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_mentions', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_mentions TO %I', current_user);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_withdrawer') THEN
    CREATE ROLE maillage_withdrawer NOLOGIN NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_withdrawer', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_withdrawer TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_mentions, maillage_withdrawer;
--> statement-breakpoint
-- app_public_parties: the library's librarian, which already decides what is published.
GRANT SELECT (organisation_id, role, mention_consent) ON alliance_parties TO maillage_librarian;
--> statement-breakpoint
GRANT SELECT (id, name, kind) ON organisations TO maillage_librarian;
--> statement-breakpoint
CREATE POLICY organisations_librarian ON organisations FOR SELECT TO maillage_librarian USING (true);
--> statement-breakpoint
GRANT SELECT (organisation_id, workspace_id, status) ON organisation_claims TO maillage_librarian;
--> statement-breakpoint
CREATE POLICY organisation_claims_librarian ON organisation_claims FOR SELECT TO maillage_librarian USING (status = 'verified');
--> statement-breakpoint
ALTER FUNCTION app_public_parties(uuid[]) OWNER TO maillage_librarian;
--> statement-breakpoint
-- Mention requests: alliances asking for the public audience, their named partners, the
-- verified claims, and the one column pair a verified workspace answers with.
GRANT SELECT (id, title, summary, requested_audience, archived_at, updated_at) ON alliances TO maillage_mentions;
--> statement-breakpoint
CREATE POLICY alliances_mentions ON alliances FOR SELECT TO maillage_mentions USING (requested_audience = 'public' AND archived_at IS NULL);
--> statement-breakpoint
GRANT SELECT (id, alliance_id, organisation_id, workspace_id, status, role, mention_consent) ON alliance_parties TO maillage_mentions;
--> statement-breakpoint
GRANT UPDATE (mention_consent, mention_answered_at) ON alliance_parties TO maillage_mentions;
--> statement-breakpoint
CREATE POLICY alliance_parties_mentions ON alliance_parties FOR SELECT TO maillage_mentions USING (status = 'accepted');
--> statement-breakpoint
CREATE POLICY alliance_parties_mentions_answer ON alliance_parties FOR UPDATE TO maillage_mentions
  USING (workspace_id IS NULL AND status = 'accepted') WITH CHECK (workspace_id IS NULL AND status = 'accepted' AND mention_consent IN ('granted', 'refused'));
--> statement-breakpoint
GRANT SELECT (id, name) ON organisations TO maillage_mentions;
--> statement-breakpoint
CREATE POLICY organisations_mentions ON organisations FOR SELECT TO maillage_mentions USING (true);
--> statement-breakpoint
GRANT SELECT (organisation_id, workspace_id, status) ON organisation_claims TO maillage_mentions;
--> statement-breakpoint
CREATE POLICY organisation_claims_mentions ON organisation_claims FOR SELECT TO maillage_mentions USING (status = 'verified');
--> statement-breakpoint
ALTER FUNCTION app_incoming_mention_requests() OWNER TO maillage_mentions;
--> statement-breakpoint
ALTER FUNCTION app_answer_mention(uuid, boolean) OWNER TO maillage_mentions;
--> statement-breakpoint
-- Withdrawing the invitations of a revoked or refused claim.
GRANT SELECT (id, organisation_id, workspace_id, status) ON organisation_claims TO maillage_withdrawer;
--> statement-breakpoint
CREATE POLICY organisation_claims_withdrawer ON organisation_claims FOR SELECT TO maillage_withdrawer USING (status IN ('revoked', 'refused'));
--> statement-breakpoint
GRANT SELECT (id, alliance_id, organisation_id, workspace_id, status, invited_by_workspace_id) ON alliance_parties TO maillage_withdrawer;
--> statement-breakpoint
GRANT UPDATE (status, responded_at) ON alliance_parties TO maillage_withdrawer;
--> statement-breakpoint
-- (Withdrawn rows stay readable: an UPDATE … RETURNING checks the new row against this policy.)
CREATE POLICY alliance_parties_withdrawer ON alliance_parties FOR SELECT TO maillage_withdrawer USING (status IN ('invited', 'withdrawn') AND workspace_id IS NOT NULL);
--> statement-breakpoint
CREATE POLICY alliance_parties_withdrawer_update ON alliance_parties FOR UPDATE TO maillage_withdrawer
  USING (status = 'invited' AND workspace_id IS NOT NULL) WITH CHECK (status = 'withdrawn');
--> statement-breakpoint
GRANT SELECT (id, name) ON organisations TO maillage_withdrawer;
--> statement-breakpoint
CREATE POLICY organisations_withdrawer ON organisations FOR SELECT TO maillage_withdrawer USING (true);
--> statement-breakpoint
GRANT INSERT ON audit_events TO maillage_withdrawer;
--> statement-breakpoint
CREATE POLICY audit_events_withdrawer ON audit_events FOR INSERT TO maillage_withdrawer
  WITH CHECK (action = 'share.withdraw' AND entity_type = 'alliance' AND actor_user_id IS NULL);
--> statement-breakpoint
-- The audit rows are written without RETURNING: the withdrawer may write them, not read them.
CREATE OR REPLACE FUNCTION app_withdraw_invitations_of_claim(p_claim_id uuid) RETURNS integer
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
  )
  SELECT count(*) INTO withdrawn FROM lapsed;
  RETURN withdrawn;
END $$;
--> statement-breakpoint
ALTER FUNCTION app_withdraw_invitations_of_claim(uuid) OWNER TO maillage_withdrawer;
