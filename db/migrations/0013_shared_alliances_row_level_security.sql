-- Shared alliances, second part: SDG claims, the shared history, notifications, audience
-- consent and the public library.
--
-- Roles added here:
--   maillage_public    what a library request becomes: column grants on public fields only, and
--                      rows only of alliances every accepted party approved for publication;
--   maillage_librarian owns app_published_alliance_ids(), the one function that reads every
--                      alliance's audience and consents (NOLOGIN, not superuser, not owner);
--   maillage_mailer    what the notification email dispatcher becomes: it reads notifications
--                      and who should receive them, and marks them sent. Nothing else.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_public') THEN
    CREATE ROLE maillage_public NOLOGIN NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_librarian') THEN
    CREATE ROLE maillage_librarian NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_mailer') THEN
    CREATE ROLE maillage_mailer NOLOGIN NOINHERIT;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'maillage_public', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_public TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_librarian', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_librarian TO %I', current_user);
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_mailer', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_mailer TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_public, maillage_librarian, maillage_mailer;
--> statement-breakpoint
ALTER TABLE alliance_sdg_claims ADD CONSTRAINT alliance_sdg_claims_share_check CHECK (share_percent BETWEEN 1 AND 100);
--> statement-breakpoint
-- SDG claims: every accepted party reads them (so shares add up to at most 100 %); each
-- workspace writes only its own, and only on alliances it co-owns.
GRANT SELECT, INSERT, UPDATE, DELETE ON alliance_sdg_claims TO maillage_app;
--> statement-breakpoint
ALTER TABLE alliance_sdg_claims ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_sdg_claims FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_sdg_claims_read ON alliance_sdg_claims FOR SELECT TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_sdg_claims_insert ON alliance_sdg_claims FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_sdg_claims_update ON alliance_sdg_claims FOR UPDATE TO maillage_app
  USING (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]))
  WITH CHECK (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_sdg_claims_delete ON alliance_sdg_claims FOR DELETE TO maillage_app
  USING (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
-- The shared history: read by every accepted party, written only in one's own name, never
-- changed afterwards.
GRANT SELECT, INSERT ON alliance_changes TO maillage_app;
--> statement-breakpoint
ALTER TABLE alliance_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_changes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_changes_read ON alliance_changes FOR SELECT TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_changes_insert ON alliance_changes FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
-- Notifications: a workspace reads its own. A request may address one to another workspace
-- only about an alliance it co-owns, and only to a workspace with a party row on it (the
-- subquery runs under alliance_parties' own policies: the rows of its alliances).
GRANT SELECT, INSERT ON notifications TO maillage_app;
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notifications_read ON notifications FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY notifications_insert ON notifications FOR INSERT TO maillage_app
  WITH CHECK (created_by = app_user_id()
              AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])
              AND workspace_id IN (SELECT p.workspace_id FROM alliance_parties p WHERE p.alliance_id = notifications.alliance_id));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON notification_reads TO maillage_app;
--> statement-breakpoint
ALTER TABLE notification_reads ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notification_reads FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_reads_own ON notification_reads FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id() AND user_id = app_user_id())
  WITH CHECK (workspace_id = app_workspace_id() AND user_id = app_user_id());
--> statement-breakpoint
-- The email dispatcher: unsent notifications and the people they are for.
GRANT SELECT, UPDATE (emailed_at) ON notifications TO maillage_mailer;
--> statement-breakpoint
GRANT SELECT (workspace_id, user_id, role) ON memberships TO maillage_mailer;
--> statement-breakpoint
GRANT SELECT (id, email, name) ON users TO maillage_mailer;
--> statement-breakpoint
GRANT SELECT (id, slug, name) ON workspaces TO maillage_mailer;
--> statement-breakpoint
CREATE POLICY notifications_mailer ON notifications FOR SELECT TO maillage_mailer USING (true);
--> statement-breakpoint
CREATE POLICY notifications_mailer_sent ON notifications FOR UPDATE TO maillage_mailer USING (emailed_at IS NULL) WITH CHECK (emailed_at IS NOT NULL);
--> statement-breakpoint
CREATE POLICY memberships_mailer ON memberships FOR SELECT TO maillage_mailer USING (true);
--> statement-breakpoint
CREATE POLICY users_mailer ON users FOR SELECT TO maillage_mailer USING (true);
--> statement-breakpoint
CREATE POLICY workspaces_mailer ON workspaces FOR SELECT TO maillage_mailer USING (true);
--> statement-breakpoint
-- Party rows, completed: consent columns belong to the party itself; an invitation cannot be
-- accepted once expired; a named partner (no workspace) may be invited by email and that
-- invitation withdrawn, which grants nothing until a workspace accepts it.
CREATE OR REPLACE FUNCTION app_check_party_transition() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
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
  IF NOT own AND (NEW.audience_consent IS DISTINCT FROM OLD.audience_consent
                  OR NEW.consent_revision IS DISTINCT FROM OLD.consent_revision
                  OR NEW.consent_at IS DISTINCT FROM OLD.consent_at) THEN
    -- A party that leaves drops its consent itself; nobody consents for another.
    RAISE EXCEPTION 'only a party gives or withdraws its own consent' USING ERRCODE = '42501';
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
  IF NEW.workspace_id IS NULL THEN
    -- A named partner: its email invitation is sent or withdrawn; it gives no access.
    IF NEW.status IN ('accepted', 'invited', 'withdrawn') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'party status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = '42501';
  END IF;
  IF own AND OLD.status = 'invited' AND NEW.status = 'accepted' AND OLD.invitation_expires_at < now() THEN
    RAISE EXCEPTION 'the invitation has expired' USING ERRCODE = '42501';
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
-- Invitations still open are the only ones shown to the invited workspace.
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
        ORDER BY p.invited_at DESC $$;
--> statement-breakpoint
-- The public revision only moves forward, and moves by itself when a public field of the core
-- changes, so an old approval can never be made to fit an edited alliance.
CREATE FUNCTION app_bump_public_revision() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NEW.public_revision < OLD.public_revision THEN
    RAISE EXCEPTION 'the public revision only moves forward' USING ERRCODE = '42501';
  END IF;
  IF NEW.public_revision = OLD.public_revision
     AND (NEW.title IS DISTINCT FROM OLD.title OR NEW.summary IS DISTINCT FROM OLD.summary
          OR NEW.key_results IS DISTINCT FROM OLD.key_results OR NEW.starts_on IS DISTINCT FROM OLD.starts_on
          OR NEW.ends_on IS DISTINCT FROM OLD.ends_on OR NEW.territory_scope IS DISTINCT FROM OLD.territory_scope) THEN
    NEW.public_revision := OLD.public_revision + 1;
  END IF;
  RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER alliances_public_revision BEFORE UPDATE ON alliances
  FOR EACH ROW EXECUTE FUNCTION app_bump_public_revision();
--> statement-breakpoint
-- Published: the parties asked for the public audience and every accepted party with a
-- workspace approved the current revision (there is at least one such party).
GRANT SELECT (id, requested_audience, public_revision, archived_at) ON alliances TO maillage_librarian;
--> statement-breakpoint
GRANT SELECT (alliance_id, workspace_id, status, audience_consent, consent_revision) ON alliance_parties TO maillage_librarian;
--> statement-breakpoint
CREATE POLICY alliances_librarian ON alliances FOR SELECT TO maillage_librarian USING (requested_audience = 'public');
--> statement-breakpoint
CREATE POLICY alliance_parties_librarian ON alliance_parties FOR SELECT TO maillage_librarian USING (true);
--> statement-breakpoint
CREATE FUNCTION app_published_alliance_ids() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT coalesce(array_agg(a.id), '{}') FROM alliances a
        WHERE a.requested_audience = 'public' AND a.archived_at IS NULL
          AND EXISTS (SELECT 1 FROM alliance_parties p
                      WHERE p.alliance_id = a.id AND p.status = 'accepted' AND p.workspace_id IS NOT NULL)
          AND NOT EXISTS (SELECT 1 FROM alliance_parties p
                          WHERE p.alliance_id = a.id AND p.status = 'accepted' AND p.workspace_id IS NOT NULL
                            AND (p.audience_consent IS DISTINCT FROM 'public' OR p.consent_revision IS DISTINCT FROM a.public_revision)) $$;
--> statement-breakpoint
ALTER FUNCTION app_published_alliance_ids() OWNER TO maillage_librarian;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_published_alliance_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_published_alliance_ids() TO maillage_public, maillage_app;
--> statement-breakpoint
-- The library's request role: public fields of published alliances, nothing else.
GRANT SELECT (id, title, summary, key_results, starts_on, ends_on, territory_scope, updated_at) ON alliances TO maillage_public;
--> statement-breakpoint
GRANT SELECT (alliance_id, mode, starts_on, ends_on) ON alliance_mode_periods TO maillage_public;
--> statement-breakpoint
GRANT SELECT (alliance_id, target, goal, is_primary) ON alliance_sdg_targets TO maillage_public;
--> statement-breakpoint
GRANT SELECT (alliance_id, level, code, departement_code, region_code) ON alliance_territories TO maillage_public;
--> statement-breakpoint
GRANT SELECT (alliance_id, organisation_id, role, status) ON alliance_parties TO maillage_public;
--> statement-breakpoint
GRANT SELECT (id, name, kind) ON organisations TO maillage_public;
--> statement-breakpoint
CREATE POLICY alliances_public ON alliances FOR SELECT TO maillage_public
  USING (id = ANY ((SELECT app_published_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_mode_periods_public ON alliance_mode_periods FOR SELECT TO maillage_public
  USING (alliance_id = ANY ((SELECT app_published_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_sdg_targets_public ON alliance_sdg_targets FOR SELECT TO maillage_public
  USING (alliance_id = ANY ((SELECT app_published_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_territories_public ON alliance_territories FOR SELECT TO maillage_public
  USING (alliance_id = ANY ((SELECT app_published_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_parties_public ON alliance_parties FOR SELECT TO maillage_public
  USING (alliance_id = ANY ((SELECT app_published_alliance_ids())::uuid[]) AND status = 'accepted');
--> statement-breakpoint
CREATE POLICY organisations_public ON organisations FOR SELECT TO maillage_public
  USING (id IN (SELECT p.organisation_id FROM alliance_parties p));
