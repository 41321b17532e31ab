import { randomUUID } from "node:crypto";

const ACCEPTED = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * The id of a request, kept in the audit log and echoed in answers: the client's X-Request-Id
 * when it is a UUID or 1–64 characters of [A-Za-z0-9._-] (what proxies and tracing libraries
 * send), a new UUID otherwise, so a client cannot write arbitrary text into the audit log.
 */
export function requestIdFrom(headers: Headers): string {
  const given = headers.get("x-request-id")?.trim();
  return given && ACCEPTED.test(given) ? given : randomUUID();
}
