-- Webhooks and their deliveries belong to one workspace: its members enqueue deliveries when
-- events happen (through the services), its admins manage webhooks and read the log. The
-- sender runs as maillage_webhooks, which reads due deliveries and their webhook across
-- workspaces and may only record the outcome of an attempt.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'maillage_webhooks') THEN
    CREATE ROLE maillage_webhooks NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'maillage_webhooks', 'MEMBER') THEN
    EXECUTE format('GRANT maillage_webhooks TO %I', current_user);
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO maillage_webhooks;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON webhooks TO maillage_app;
--> statement-breakpoint
GRANT SELECT, INSERT ON webhook_deliveries TO maillage_app;
--> statement-breakpoint
GRANT SELECT ON webhooks TO maillage_webhooks;
--> statement-breakpoint
GRANT SELECT, UPDATE (status, attempts, next_attempt_at, last_status_code, last_error, delivered_at) ON webhook_deliveries TO maillage_webhooks;
--> statement-breakpoint
ALTER TABLE webhooks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE webhooks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY webhooks_workspace ON webhooks FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id()) WITH CHECK (workspace_id = app_workspace_id());
--> statement-breakpoint
CREATE POLICY webhook_deliveries_workspace ON webhook_deliveries FOR ALL TO maillage_app
  USING (workspace_id = app_workspace_id())
  WITH CHECK (workspace_id = app_workspace_id() AND webhook_id IN (SELECT w.id FROM webhooks w WHERE w.workspace_id = app_workspace_id()));
--> statement-breakpoint
CREATE POLICY webhooks_sender ON webhooks FOR SELECT TO maillage_webhooks USING (true);
--> statement-breakpoint
CREATE POLICY webhook_deliveries_sender_read ON webhook_deliveries FOR SELECT TO maillage_webhooks USING (true);
--> statement-breakpoint
CREATE POLICY webhook_deliveries_sender_update ON webhook_deliveries FOR UPDATE TO maillage_webhooks USING (status = 'pending') WITH CHECK (true);
--> statement-breakpoint
-- Events about an alliance reach the webhooks of every workspace that is an accepted party of
-- it. The caller must be a party itself; the payload is what the services put in (shared-core
-- fields only).
GRANT INSERT ON webhook_deliveries TO maillage_webhooks;
--> statement-breakpoint
GRANT SELECT ON alliance_parties TO maillage_webhooks;
--> statement-breakpoint
CREATE POLICY webhook_deliveries_sender_insert ON webhook_deliveries FOR INSERT TO maillage_webhooks WITH CHECK (true);
--> statement-breakpoint
CREATE POLICY alliance_parties_webhooks ON alliance_parties FOR SELECT TO maillage_webhooks USING (true);
--> statement-breakpoint
CREATE FUNCTION app_enqueue_alliance_webhooks(p_alliance uuid, p_event text, p_payload jsonb) RETURNS integer
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
DECLARE
  queued integer;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM alliance_parties p WHERE p.alliance_id = p_alliance AND p.workspace_id = app_workspace_id() AND p.status = 'accepted') THEN
    RAISE EXCEPTION 'not a party of this alliance' USING ERRCODE = '42501';
  END IF;
  INSERT INTO webhook_deliveries (webhook_id, workspace_id, event, payload)
    SELECT w.id, w.workspace_id, p_event, p_payload
    FROM webhooks w
    WHERE w.disabled_at IS NULL AND p_event = ANY (w.events)
      AND w.workspace_id IN (SELECT p.workspace_id FROM alliance_parties p WHERE p.alliance_id = p_alliance AND p.status = 'accepted' AND p.workspace_id IS NOT NULL);
  GET DIAGNOSTICS queued = ROW_COUNT;
  RETURN queued;
END
$$;
--> statement-breakpoint
ALTER FUNCTION app_enqueue_alliance_webhooks(uuid, text, jsonb) OWNER TO maillage_webhooks;
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION app_enqueue_alliance_webhooks(uuid, text, jsonb) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_enqueue_alliance_webhooks(uuid, text, jsonb) TO maillage_app;
