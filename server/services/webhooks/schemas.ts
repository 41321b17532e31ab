import { isIP } from "node:net";
import { z } from "zod";
import { WEBHOOK_EVENTS } from "../../../domain/webhooks";
import { env } from "../../../env";
import { isPublicAddress } from "../../http/outbound";

/**
 * HTTPS to a public host only; plain HTTP to this machine only where the configuration allows it
 * (development, tests). An address written as an IP is checked here; a host name is checked
 * again at each delivery, after resolution (server/http/outbound.ts).
 */
function acceptableUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "http:")
      return env().WEBHOOK_ALLOW_LOCAL_HTTP && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
    if (url.protocol !== "https:" || url.username || url.password) return false;
    const host = url.hostname.replace(/^\[|\]$/g, "");
    if (host === "localhost" || host.endsWith(".localhost")) return false;
    return isIP(host) === 0 || isPublicAddress(host);
  } catch {
    return false;
  }
}

export const CreateWebhookInput = z.object({
  url: z.string().trim().max(500).refine(acceptableUrl, { message: "errors.webhooks.url" }),
  events: z.array(z.enum(WEBHOOK_EVENTS)).min(1, { message: "errors.webhooks.events" }).max(WEBHOOK_EVENTS.length),
});

export const WebhookIdInput = z.object({ id: z.uuid() });
