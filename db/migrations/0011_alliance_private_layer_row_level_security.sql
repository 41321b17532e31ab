-- The private layer belongs to one workspace: it reads and keeps its own rows (even after
-- leaving the alliance) and adds rows only to alliances it co-owns. No other party sees them.
GRANT SELECT, INSERT, UPDATE, DELETE ON alliance_private_notes, alliance_private_entries TO maillage_app;
--> statement-breakpoint
ALTER TABLE alliance_private_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_private_notes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_private_notes_read ON alliance_private_notes FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY alliance_private_notes_insert ON alliance_private_notes FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_private_notes_update ON alliance_private_notes FOR UPDATE TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY alliance_private_notes_delete ON alliance_private_notes FOR DELETE TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
ALTER TABLE alliance_private_entries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE alliance_private_entries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY alliance_private_entries_read ON alliance_private_entries FOR SELECT TO maillage_app
  USING (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY alliance_private_entries_insert ON alliance_private_entries FOR INSERT TO maillage_app
  WITH CHECK (workspace_id = app_workspace_id() AND alliance_id = ANY ((SELECT app_alliance_ids())::uuid[]));
--> statement-breakpoint
CREATE POLICY alliance_private_entries_update ON alliance_private_entries FOR UPDATE TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY alliance_private_entries_delete ON alliance_private_entries FOR DELETE TO maillage_app
  USING (workspace_id = app_workspace_id());
