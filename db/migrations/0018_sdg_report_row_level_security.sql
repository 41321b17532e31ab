-- The SDG report's narratives belong to the workspace that writes them; no other party sees them.
GRANT SELECT, INSERT, UPDATE, DELETE ON sdg_report_narratives TO maillage_app;
--> statement-breakpoint
ALTER TABLE sdg_report_narratives ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sdg_report_narratives FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY sdg_report_narratives_own ON sdg_report_narratives FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
