/** The events a workspace's webhooks can listen for. */
export const WEBHOOK_EVENTS = ["alliance.created", "alliance.updated", "cycle.closed", "invitation.accepted"] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
