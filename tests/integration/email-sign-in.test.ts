import { Auth } from "@auth/core";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { sessions, users } from "../../db/schema";
import { authConfig, clientIp } from "../../server/auth/config";
import { pageSessionUser, requestSessionUser } from "../../server/auth/request-session";
import { logger } from "../../server/log";
import { createMailer } from "../../server/services/mail/mailer";
import { callerFor } from "../helpers/caller";
import { openTestDatabase } from "../helpers/db";
import { startSmtpServer } from "../helpers/smtp";
import { createUser, createWorkspaceWithRoles, uniq } from "../factories";

const { db } = await openTestDatabase();
const smtp = await startSmtpServer();
afterAll(() => smtp.close());

const ORIGIN = "http://localhost:3000";
const mailer = createMailer({ server: smtp.url, from: "Maillage <no-reply@maillage.test>", log: logger() });
const config = authConfig({
  db,
  mailer,
  log: logger(),
  secret: "x".repeat(48),
  appUrl: ORIGIN,
  emailFrom: "Maillage <no-reply@maillage.test>",
});

/** A tiny cookie jar over @auth/core's Request/Response handler, as a browser would behave. */
function browser() {
  const jar = new Map<string, string>();
  return {
    jar,
    async fetch(path: string, init: RequestInit = {}) {
      const headers = new Headers(init.headers);
      headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
      const res = await Auth(
        new Request(path.startsWith("http") ? path : `${ORIGIN}${path}`, { ...init, headers }),
        config,
      );
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(";");
        const [name, ...value] = pair!.split("=");
        jar.set(name!, value.join("="));
      }
      return res;
    },
  };
}

async function requestLink(b: ReturnType<typeof browser>, email: string) {
  const { csrfToken } = (await (await b.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  return b.fetch("/api/auth/signin/email", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "accept-language": "fr" },
    body: new URLSearchParams({ csrfToken, email, callbackUrl: `${ORIGIN}/workspaces` }),
  });
}

describe("signing in with an email link through a real SMTP server", () => {
  it("sends the link, signs in with it once, and opens a database session", async () => {
    const email = `${uniq("newcomer")}@example.org`;
    const b = browser();
    const res = await requestLink(b, email);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toContain("/api/auth/verify-request");
    expect((await b.fetch(res.headers.get("location")!)).headers.get("location")).toContain("/signin/check-email");

    const mail = await smtp.next(email);
    expect(mail.text).toContain("pour vous connecter à Maillage");
    const link = mail.text.match(/http:\/\/localhost:3000\/api\/auth\/callback\/email\?[^\s"<]+/)?.[0];
    expect(link).toBeTruthy();

    const callback = await b.fetch(link!.replace(/&amp;/g, "&"));
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${ORIGIN}/workspaces`);
    expect(b.jar.get("maillage.session-token")).toBeTruthy();

    const session = (await (await b.fetch("/api/auth/session")).json()) as { user?: { email: string; id: string } };
    expect(session.user?.email).toBe(email);
    const [row] = await db
      .select()
      .from(sessions)
      .where(eq(sessions.sessionToken, b.jar.get("maillage.session-token")!));
    expect(row?.userId).toBe(session.user?.id);

    // The link works once: a second browser using it gets an error, not a session.
    const other = browser();
    const replay = await other.fetch(link!.replace(/&amp;/g, "&"));
    expect(replay.headers.get("location")).toContain("error=");
    expect(other.jar.get("maillage.session-token")).toBeFalsy();

    // The API reads the same session straight from its cookie's token, and stops once it expired.
    const token = b.jar.get("maillage.session-token")!;
    expect(await requestSessionUser(db, token)).toEqual({ id: session.user!.id, email, name: null });
    expect(await requestSessionUser(db, "not-a-session")).toBeNull();
    expect(await requestSessionUser(db, undefined)).toBeNull();
    await db
      .update(sessions)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(sessions.sessionToken, token));
    expect(await requestSessionUser(db, token)).toBeNull();
  });

  it("limits sign-in emails per address", async () => {
    const email = `${uniq("flood")}@example.org`;
    const b = browser();
    for (let i = 0; i < 5; i++)
      expect((await requestLink(b, email)).headers.get("location")).toContain("/verify-request");
    const refused = await requestLink(b, email);
    expect(refused.headers.get("location")).toContain("/signin?error=RateLimited");
    for (let i = 0; i < 5; i++) await smtp.next(email);
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.to.includes(email))).toHaveLength(0);
  });

  it("limits sign-in emails per IP across addresses", async () => {
    const ipConfig = authConfig({
      db,
      mailer,
      log: logger(),
      secret: "x".repeat(48),
      appUrl: ORIGIN,
      emailFrom: "x@maillage.test",
      // The address scripts/serve.ts established (socket peer or trusted proxy), not a client header.
      headers: new Headers({
        "x-maillage-client-ip": `203.0.113.${Math.floor(Math.random() * 250)}`,
        "x-forwarded-for": "198.51.100.1",
      }),
    });
    const signIn = ipConfig.callbacks!.signIn!;
    const outcomes: unknown[] = [];
    for (let i = 0; i < 31; i++) {
      outcomes.push(
        await signIn({
          user: { email: `${uniq("ip")}@example.org` },
          account: null,
          email: { verificationRequest: true },
        } as never),
      );
    }
    expect(outcomes.slice(0, 30).every((o) => o === true)).toBe(true);
    expect(outcomes[30]).toBe("/signin?error=RateLimited");
    // X-Forwarded-For alone, which any client can write, counts for nothing.
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.1" }))).toBeNull();
  });
});

describe("the session of a page view", () => {
  const DAY = 86_400_000;
  const expiryOf = async (token: string) =>
    (await db.select().from(sessions).where(eq(sessions.sessionToken, token)))[0]?.expires.getTime() ?? null;

  it("is read as Auth.js reads it: the same user, the expiry pushed back once a day, an expired one deleted", async () => {
    const user = await createUser(db, { name: "Camille" });
    const cases = [
      { name: "recent", expires: Date.now() + 30 * DAY - 60 * 60 * 1000 },
      { name: "due", expires: Date.now() + 30 * DAY - 25 * 60 * 60 * 1000 },
      { name: "expired", expires: Date.now() - 1000 },
    ];
    for (const c of cases) {
      const [viaAuthJs, viaPage] = [uniq(`authjs-${c.name}`), uniq(`page-${c.name}`)];
      await db
        .insert(sessions)
        .values(
          [viaAuthJs, viaPage].map((sessionToken) => ({ sessionToken, userId: user.id, expires: new Date(c.expires) })),
        );
      const b = browser();
      b.jar.set("maillage.session-token", viaAuthJs);
      const answer = (await (await b.fetch("/api/auth/session")).json()) as {
        user?: { id: string; email: string };
      } | null;
      const read = await pageSessionUser(db, viaPage);

      if (c.name === "expired") {
        expect(answer?.user).toBeUndefined();
        expect(read).toBeNull();
        expect(await expiryOf(viaAuthJs)).toBeNull();
        expect(await expiryOf(viaPage)).toBeNull();
        continue;
      }
      expect(read).toEqual({ id: user.id, email: user.email, name: "Camille" });
      expect({ id: answer?.user?.id, email: answer?.user?.email }).toEqual({ id: read!.id, email: read!.email });
      const [authJsExpiry, pageExpiry] = [await expiryOf(viaAuthJs), await expiryOf(viaPage)];
      expect(Math.abs(authJsExpiry! - pageExpiry!)).toBeLessThan(5000);
      if (c.name === "recent") expect(pageExpiry).toBe(c.expires);
      else expect(pageExpiry! - Date.now()).toBeGreaterThan(30 * DAY - 60_000);
    }
    expect(await pageSessionUser(db, "not-a-session")).toBeNull();
    expect(await pageSessionUser(db, undefined)).toBeNull();
  });
});

describe("an invitation email through a real SMTP server", () => {
  it("carries a link that the invitee uses to join", async () => {
    const { workspace, users: people } = await createWorkspaceWithRoles(db);
    const invitee = await createUser(db);
    await callerFor(db, people.owner, { mailer, locale: "en" }).members.invite({
      workspaceSlug: workspace.slug,
      email: invitee.email,
      role: "editor",
    });
    const mail = await smtp.next(invitee.email);
    expect(mail.text).toContain(`invites you to join the “${workspace.name}” workspace`);
    const token = mail.text.match(/\/invitations\/([A-Za-z0-9_-]{43})/)?.[1];
    expect(token).toBeTruthy();
    await callerFor(db, invitee).memberInvitations.accept({ token: token! });
    const me = await callerFor(db, invitee).workspaces.get({ workspaceSlug: workspace.slug });
    expect(me.myRole).toBe("editor");
    const [user] = await db.select().from(users).where(eq(users.id, invitee.id));
    expect(user?.email).toBe(invitee.email);
  });
});
