-- Evaluation cycles, answers and indicators belong to the shared core: every accepted party
-- reads them. Answers are the exception that matters: a party reads its own at once, the
-- others' only once the cycle is closed (all answered, or closed by an editor), so nobody
-- anchors on the others. Each party writes only its own answers, once, while the cycle is
-- open and it is still expected to answer.
GRANT SELECT, INSERT, UPDATE ON evaluation_cycles TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON evaluation_participants TO maillage_app;
--> statement-breakpoint
GRANT UPDATE (status, answered_at, answered_by) ON evaluation_participants TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON evaluation_answers TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON alliance_indicators TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON indicator_results TO maillage_app;
--> statement-breakpoint
ALTER TABLE evaluation_cycles ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE evaluation_cycles FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY evaluation_cycles_read ON evaluation_cycles FOR SELECT TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY evaluation_cycles_open ON evaluation_cycles FOR INSERT TO maillage_app
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND opened_by_workspace_id = app_workspace_id() AND status = 'open');
--> statement-breakpoint
CREATE POLICY evaluation_cycles_close ON evaluation_cycles FOR UPDATE TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND status = 'open')
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE evaluation_participants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE evaluation_participants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY evaluation_participants_read ON evaluation_participants FOR SELECT TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
-- The opener lists the accepted co-owning workspaces (the subquery runs under the party rows' policies).
CREATE POLICY evaluation_participants_insert ON evaluation_participants FOR INSERT TO maillage_app
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])
              AND workspace_id IN (SELECT p.workspace_id FROM alliance_parties p WHERE p.alliance_id = evaluation_participants.alliance_id AND p.status = 'accepted'));
--> statement-breakpoint
CREATE POLICY evaluation_participants_update ON evaluation_participants FOR UPDATE TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND status = 'pending')
  WITH CHECK ((workspace_id = app_workspace_id() AND status = 'answered') OR status = 'missed');
--> statement-breakpoint
-- A party is marked as not having answered only once the cycle is closed; only it marks itself answered.
CREATE FUNCTION app_check_participant_transition() RETURNS trigger LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
BEGIN
  IF NEW.cycle_id <> OLD.cycle_id OR NEW.workspace_id <> OLD.workspace_id OR NEW.alliance_id <> OLD.alliance_id THEN
    RAISE EXCEPTION 'a participant keeps its cycle and workspace' USING ERRCODE = '42501';
  END IF;
  IF current_user <> 'maillage_app' OR NEW.status = OLD.status THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'pending' AND NEW.status = 'answered' AND NEW.workspace_id = app_workspace_id() THEN
    RETURN NEW;
  END IF;
  IF OLD.status = 'pending' AND NEW.status = 'missed'
     AND EXISTS (SELECT 1 FROM evaluation_cycles c WHERE c.id = NEW.cycle_id AND c.status = 'closed') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'participant status cannot go from % to %', OLD.status, NEW.status USING ERRCODE = '42501';
END
$$;
--> statement-breakpoint
CREATE TRIGGER evaluation_participants_transition BEFORE UPDATE ON evaluation_participants
  FOR EACH ROW EXECUTE FUNCTION app_check_participant_transition();
--> statement-breakpoint
ALTER TABLE evaluation_answers ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE evaluation_answers FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY evaluation_answers_read ON evaluation_answers FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id()
         OR (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])
             AND EXISTS (SELECT 1 FROM evaluation_cycles c WHERE c.id = evaluation_answers.cycle_id AND c.status = 'closed')));
--> statement-breakpoint
CREATE POLICY evaluation_answers_insert ON evaluation_answers FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id()
              AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])
              AND EXISTS (SELECT 1 FROM evaluation_participants ep JOIN evaluation_cycles c ON c.id = ep.cycle_id
                          WHERE ep.cycle_id = evaluation_answers.cycle_id AND ep.workspace_id = app_workspace_id()
                            AND ep.status = 'pending' AND c.status = 'open'));
--> statement-breakpoint
ALTER TABLE evaluation_answers ADD CONSTRAINT evaluation_answers_score_check CHECK (score BETWEEN 1 AND 5);
--> statement-breakpoint
ALTER TABLE alliance_indicators ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_indicators FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_indicators_all ON alliance_indicators FOR ALL TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[])) WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
ALTER TABLE indicator_results ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE indicator_results FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY indicator_results_read ON indicator_results FOR SELECT TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY indicator_results_insert ON indicator_results FOR INSERT TO maillage_app
  WITH CHECK (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY indicator_results_delete ON indicator_results FOR DELETE TO maillage_app
  USING (alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]) AND workspace_id = app_workspace_id());
--> statement-breakpoint
-- Reminders before the due date are sent by a background job running as maillage_scheduler:
-- it reads open cycles and who still has to answer, notes the reminder, and adds the
-- reminder notification. Nothing else.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_scheduler') THEN
    CREATE ROLE maillage_scheduler NOLOGIN NOINHERIT;
  END IF;
  IF NOT pg_has_role(current_user, 'maillage_scheduler', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_scheduler TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_scheduler;
--> statement-breakpoint
GRANT SELECT (id, alliance_id, period, due_on, status) ON evaluation_cycles TO maillage_scheduler;
--> statement-breakpoint
GRANT SELECT (cycle_id, alliance_id, workspace_id, status, reminded_at), UPDATE (reminded_at) ON evaluation_participants TO maillage_scheduler;
--> statement-breakpoint
GRANT SELECT (id, title) ON alliances TO maillage_scheduler;
--> statement-breakpoint
GRANT INSERT ON notifications TO maillage_scheduler;
--> statement-breakpoint
CREATE POLICY evaluation_cycles_scheduler ON evaluation_cycles FOR SELECT TO maillage_scheduler USING (status = 'open');
--> statement-breakpoint
CREATE POLICY evaluation_participants_scheduler ON evaluation_participants FOR SELECT TO maillage_scheduler USING (status = 'pending');
--> statement-breakpoint
CREATE POLICY evaluation_participants_scheduler_remind ON evaluation_participants FOR UPDATE TO maillage_scheduler
  USING (status = 'pending') WITH CHECK (status = 'pending');
--> statement-breakpoint
CREATE POLICY alliances_scheduler ON alliances FOR SELECT TO maillage_scheduler
  USING (id IN (SELECT c.alliance_id FROM evaluation_cycles c));
--> statement-breakpoint
CREATE POLICY notifications_scheduler ON notifications FOR INSERT TO maillage_scheduler
  WITH CHECK (kind = 'evaluation.reminder' AND created_by IS NULL);
