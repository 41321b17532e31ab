-- Row-level security for the registry. Alliances have no workspace column: a workspace reaches
-- an alliance through its accepted party row. app_alliance_ids() returns those ids once per
-- statement (policies use `id = ANY ((SELECT app_alliance_ids())::uuid[])`, which keeps the
-- primary-key index in use). It is SECURITY DEFINER, owned by maillage_helper: a role that is
-- neither superuser, nor table owner, nor BYPASSRLS, and whose own policies only show it the
-- current workspace's party rows.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_helper') THEN
    CREATE ROLE maillage_helper NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'maillage_helper', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_helper TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_helper;
--> statement-breakpoint
GRANT SELECT, INSERT ON alliance_parties TO maillage_helper;
--> statement-breakpoint
GRANT SELECT, INSERT ON alliances TO maillage_helper;
--> statement-breakpoint
CREATE FUNCTION app_alliance_ids() RETURNS uuid[] LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT coalesce(array_agg(p.alliance_id), '{}') FROM alliance_parties p
        WHERE p.workspace_id = app_workspace_id() AND p.status = 'accepted' $$;
--> statement-breakpoint
ALTER FUNCTION app_alliance_ids() OWNER TO maillage_helper;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_alliance_ids() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_alliance_ids() TO maillage_app;
--> statement-breakpoint
-- Creating an alliance: the core row and the creator's accepted party row, atomically. The
-- request role has no INSERT on alliances, so it cannot make rows it could then claim.
CREATE FUNCTION app_create_alliance(p_title text, p_organisation_id uuid, p_role text) RETURNS uuid
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  new_id uuid := gen_random_uuid();
BEGIN
  IF app_workspace_id() IS NULL THEN
    RAISE EXCEPTION 'no workspace in scope' USING ERRCODE = '42501';
  END IF;
  INSERT INTO alliances (id, title, created_by) VALUES (new_id, p_title, app_user_id());
  INSERT INTO alliance_parties (alliance_id, organisation_id, workspace_id, role, status)
    VALUES (new_id, p_organisation_id, app_workspace_id(), p_role, 'accepted');
  RETURN new_id;
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_create_alliance(text, uuid, text) OWNER TO maillage_helper;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_create_alliance(text, uuid, text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_create_alliance(text, uuid, text) TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON organisations TO maillage_app;
--> statement-breakpoint
GRANT UPDATE (name, search_name, kind, legal_category, commune_code, departement_code, region_code, website, version, updated_at) ON organisations TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON workspace_organisations, organisation_contacts TO maillage_app;
--> statement-breakpoint
GRANT SELECT, UPDATE, DELETE ON alliances TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON alliance_parties, alliance_mode_periods, alliance_sdg_targets, alliance_territories, alliance_engagements, alliance_contributions, alliance_timeline TO maillage_app;
--> statement-breakpoint
GRANT SELECT ON organisations TO maillage_helper;
--> statement-breakpoint
-- The organisation directory is shared by everyone on the platform (foreign keys point into it).
ALTER TABLE organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisations_select ON organisations FOR SELECT TO maillage_app, maillage_helper USING (true);
--> statement-breakpoint
CREATE POLICY organisations_insert ON organisations FOR INSERT TO maillage_app WITH CHECK (app_workspace_id() IS NOT NULL);
--> statement-breakpoint
-- A shared identity may be completed only by a workspace that is a party with it somewhere,
-- or whose own organisation it is.
CREATE POLICY organisations_update ON organisations FOR UPDATE TO maillage_app
  USING (id IN (SELECT w.organisation_id FROM workspaces w WHERE w.id = app_workspace_id())
         OR id IN (SELECT p.organisation_id FROM alliance_parties p WHERE p.alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])))
  WITH CHECK (true);
--> statement-breakpoint
ALTER TABLE workspace_organisations ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workspace_organisations FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY workspace_organisations_all ON workspace_organisations FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE organisation_contacts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisation_contacts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_contacts_all ON organisation_contacts FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE alliances ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliances FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliances_member ON alliances FOR ALL TO maillage_app
  USING (id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliances_create ON alliances FOR INSERT TO maillage_helper WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY alliances_helper_read ON alliances FOR SELECT TO maillage_helper USING (false);
--> statement-breakpoint
ALTER TABLE alliance_parties ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_parties FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- The helper sees only the current workspace's own party rows: that is what it aggregates.
CREATE POLICY alliance_parties_helper ON alliance_parties FOR SELECT TO maillage_helper
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY alliance_parties_helper_create ON alliance_parties FOR INSERT TO maillage_helper
  WITH CHECK (workspace_id = app_workspace_id() AND status = 'accepted');
--> statement-breakpoint
CREATE POLICY alliance_parties_select ON alliance_parties FOR SELECT TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) OR workspace_id = app_workspace_id());
--> statement-breakpoint
-- Partners without a workspace here can be added, changed and removed by any accepted party;
-- rows that belong to a workspace are managed by the invitation flow (a later migration).
CREATE POLICY alliance_parties_insert ON alliance_parties FOR INSERT TO maillage_app
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND workspace_id IS NULL);
--> statement-breakpoint
CREATE POLICY alliance_parties_update ON alliance_parties FOR UPDATE TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]))
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_parties_delete ON alliance_parties FOR DELETE TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND workspace_id IS NULL);
--> statement-breakpoint
ALTER TABLE alliance_mode_periods ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_mode_periods FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_mode_periods_all ON alliance_mode_periods FOR ALL TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE alliance_sdg_targets ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_sdg_targets FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_sdg_targets_all ON alliance_sdg_targets FOR ALL TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE alliance_territories ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_territories FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_territories_all ON alliance_territories FOR ALL TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE alliance_engagements ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_engagements FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_engagements_all ON alliance_engagements FOR ALL TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE alliance_contributions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_contributions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_contributions_all ON alliance_contributions FOR ALL TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE alliance_timeline ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_timeline FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_timeline_all ON alliance_timeline FOR ALL TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
