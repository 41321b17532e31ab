import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import type { Locale } from "../../messages/locales";
import { logger } from "../../server/log";
import type { Mail, Mailer } from "../../server/services/mail/mailer";
import type { SessionUser, TrpcContext } from "../../server/trpc/init";
import { createCaller } from "../../server/trpc/root";

/** A mailer that keeps what it was asked to send, for tests that read the links. */
export class RecordingMailer implements Mailer {
  readonly sent: Mail[] = [];
  async send(mail: Mail) {
    this.sent.push(mail);
  }
  lastTo(address: string): Mail | undefined {
    return this.sent.filter((m) => m.to === address).at(-1);
  }
}

export function testContext(
  db: Db,
  user: SessionUser | null,
  options: { mailer?: Mailer; locale?: Locale; idempotencyKey?: string } = {},
): TrpcContext {
  return {
    db,
    user,
    requestId: randomUUID(),
    locale: options.locale ?? "fr",
    log: logger(),
    mailer: options.mailer ?? new RecordingMailer(),
    appUrl: "http://localhost:3000",
    idempotencyKey: options.idempotencyKey ?? null,
    memberships: new Map(),
  };
}

/** The root router called as `user` would call it over HTTP, minus the transport. */
export function callerFor(
  db: Db,
  user: SessionUser | null,
  options: { mailer?: Mailer; locale?: Locale; idempotencyKey?: string } = {},
) {
  return createCaller(testContext(db, user, options));
}

export function linkIn(mail: Mail | undefined, pattern: RegExp): string {
  const match = mail?.text.match(pattern);
  if (!match) throw new Error(`No link matching ${pattern} in ${mail?.text}`);
  return match[0];
}
