import { and, eq, sql } from "drizzle-orm";
import { decodeJwt, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import {
  accounts,
  auditEvents,
  identityAssertions,
  organisationClaims,
  sessions,
  users,
  workspaces,
} from "../../db/schema";
import type { OidcSettings } from "../../env";
import { startOidcProvider } from "../../scripts/oidc/provider";
import { authConfig } from "../../server/auth/config";
import { endSessionUrl, forgetProviders } from "../../server/auth/oidc";
import { logger } from "../../server/log";
import { createMailer } from "../../server/services/mail/mailer";
import { callerFor } from "../helpers/caller";
import { openTestDatabase, sqlRows } from "../helpers/db";
import { appBrowser, confirmProviderLogout, CookieJar, throughProvider } from "../helpers/oidc";
import { createUser, createWorkspace, siretOf, uniq, uniqueSiren } from "../factories";

const { db } = await openTestDatabase();
const ORIGIN = "http://localhost:3000";
const mailer = createMailer({ server: undefined, from: "Maillage <no-reply@maillage.test>", log: logger() });

const clients = [
  {
    clientId: "maillage-proconnect",
    clientSecret: "proconnect-secret-0123456789",
    appUrl: ORIGIN,
    providerId: "proconnect",
    signedUserinfo: true,
  },
  {
    clientId: "maillage-sso",
    clientSecret: "sso-secret-0123456789",
    appUrl: ORIGIN,
    providerId: "oidc",
    signedUserinfo: false,
  },
];
const provider = await startOidcProvider({ clients });
afterAll(() => provider.close());
beforeEach(() => forgetProviders());

const proconnect: OidcSettings = {
  issuer: provider.issuer,
  clientId: clients[0]!.clientId,
  clientSecret: clients[0]!.clientSecret,
  name: "ProConnect",
};
const sso: OidcSettings = {
  issuer: provider.issuer,
  clientId: clients[1]!.clientId,
  clientSecret: clients[1]!.clientSecret,
  name: "Entra ID",
};

/** Rewrites one provider answer on its way to the app (forged tokens), once. */
let tamper: ((url: string, response: Response) => Promise<Response>) | null = null;
const wire: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = input instanceof Request ? input.url : String(input);
  if (!tamper) return response;
  const change = tamper;
  const changed = await change(url, response);
  if (changed !== response) tamper = null;
  return changed;
};

function config(overrides: { proconnect?: OidcSettings; oidc?: OidcSettings } = {}) {
  return authConfig({
    db,
    mailer,
    log: logger(),
    secret: "x".repeat(48),
    appUrl: ORIGIN,
    emailFrom: "Maillage <no-reply@maillage.test>",
    proconnect,
    oidc: sso,
    fetch: wire,
    ...overrides,
  });
}

/** Starts a sign-in with `providerId`, signs in at the provider as `login`, and returns the callback answer. */
async function signIn(
  providerId: "proconnect" | "oidc",
  login: string,
  options: { browser?: ReturnType<typeof appBrowser>; overrides?: Parameters<typeof config>[0] } = {},
) {
  const browser = options.browser ?? appBrowser(ORIGIN, () => config(options.overrides));
  const { csrfToken } = (await (await browser.fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const start = await browser.fetch(`/api/auth/signin/${providerId}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${ORIGIN}/workspaces` }),
  });
  const authorize = start.headers.get("location")!;
  if (!authorize.startsWith(provider.issuer)) return { browser, callback: start, callbackUrl: null, providerJar: null };
  const providerJar = new CookieJar();
  const callbackUrl = await throughProvider(authorize, login, ORIGIN, providerJar);
  const callback = await browser.fetch(callbackUrl);
  return { browser, callback, callbackUrl, providerJar };
}

function refusal(response: Response) {
  const location = new URL(response.headers.get("location")!);
  return {
    path: location.pathname,
    error: location.searchParams.get("error"),
    reason: location.searchParams.get("reason"),
  };
}

async function sessionOf(browser: ReturnType<typeof appBrowser>) {
  const token = browser.jar.cookies.get("maillage.session-token");
  if (!token) return null;
  const [row] = await db.select().from(sessions).where(eq(sessions.sessionToken, token));
  return row ?? null;
}

async function claimOf(workspaceId: string) {
  const [row] = await db.select().from(organisationClaims).where(eq(organisationClaims.workspaceId, workspaceId));
  return row ?? null;
}

describe("signing in with ProConnect against a real OpenID provider", () => {
  it("signs a newcomer in from the signed userinfo JWT, keeps the ID token for sign-out, and records the SIRET and acr", async () => {
    const email = `${uniq("agent")}@entreprise.example`;
    const siret = siretOf(uniqueSiren());
    const { browser, callback, providerJar } = await signIn("proconnect", `${email};${siret}`);
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe(`${ORIGIN}/workspaces`);
    const session = await sessionOf(browser);
    expect(session?.identityProvider).toBe("proconnect");
    const idToken = decodeJwt(session!.idToken!);
    expect(idToken).toMatchObject({ iss: provider.issuer, aud: "maillage-proconnect", acr: "eidas1" });

    const [user] = await db.select().from(users).where(eq(users.email, email));
    expect(user?.id).toBe(session?.userId);
    const [account] = await db.select().from(accounts).where(eq(accounts.userId, user!.id));
    expect(account).toMatchObject({ provider: "proconnect", providerAccountId: `${email};${siret}` });
    const [assertion] = await db.select().from(identityAssertions).where(eq(identityAssertions.userId, user!.id));
    expect(assertion).toMatchObject({ provider: "proconnect", siret, acr: "eidas1", email });

    // Sign-out sends the browser to the provider's end-session endpoint with the ID token as hint,
    // and the provider ends its own session.
    const away = await endSessionUrl(proconnect, session!.idToken!, ORIGIN, "s".repeat(32));
    const target = new URL(away!);
    expect(target.searchParams.get("id_token_hint")).toBe(session!.idToken);
    expect(target.searchParams.get("post_logout_redirect_uri")).toBe(`${ORIGIN}/signin`);
    const ended = await confirmProviderLogout(away!, providerJar!);
    expect(ended.location).toContain(`${ORIGIN}/signin`);
    expect(provider.endedSessions).toContain(session!.idToken);
    // Without the hint, the provider (like ProConnect) refuses to sign out.
    const bare = new URL(away!);
    bare.searchParams.delete("id_token_hint");
    expect((await fetch(bare, { redirect: "manual" })).status).toBe(400);
  });

  it("verifies the claim of a workspace its user administers when the SIRET belongs to the workspace's SIREN", async () => {
    const siren = uniqueSiren();
    const admin = await createUser(db, { email: `${uniq("dg")}@asso.example` });
    const viewer = await createUser(db);
    const workspace = await createWorkspace(db, {
      members: [
        { user: admin, role: "admin" },
        { user: viewer, role: "viewer" },
      ],
    });
    await db.update(workspaces).set({ siren }).where(eq(workspaces.id, workspace.id));
    expect(await callerFor(db, admin).workspaces.verification({ workspaceSlug: workspace.slug })).toMatchObject({
      status: "none",
    });

    // The existing account (email link) is the one signed in: linked by the verified email.
    const { browser, callback } = await signIn("proconnect", `${admin.email};${siretOf(siren)}`);
    expect(callback.headers.get("location")).toBe(`${ORIGIN}/workspaces`);
    expect((await sessionOf(browser))?.userId).toBe(admin.id);

    const claim = await claimOf(workspace.id);
    expect(claim).toMatchObject({
      status: "verified",
      method: "proconnect",
      decidedBy: admin.email,
      requestedBy: admin.id,
    });
    expect(claim?.decidedAt).toBeInstanceOf(Date);
    const verification = await callerFor(db, admin).workspaces.verification({ workspaceSlug: workspace.slug });
    expect(verification).toMatchObject({
      status: "verified",
      method: "proconnect",
      proconnect: { siret: siretOf(siren), matches: true },
    });
    const [audit] = await db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.workspaceId, workspace.id), eq(auditEvents.action, "verification.proconnect")));
    expect(audit).toMatchObject({
      actorUserId: admin.id,
      entityType: "organisation",
      after: { status: "verified", method: "proconnect", siret: siretOf(siren), acr: "eidas1" },
    });

    // A viewer of the same workspace signing in with ProConnect changes nothing: admins only.
    const other = await createWorkspace(db, { members: [{ user: viewer, role: "viewer" }] });
    await db.update(workspaces).set({ siren: uniqueSiren() }).where(eq(workspaces.id, other.id));
    const before = await claimOf(other.id);
    await signIn("proconnect", `${viewer.email};${siretOf(siren)}`);
    expect(await claimOf(other.id)).toEqual(before);
  });

  it("refuses to verify for a SIRET of another SIREN, and files a second workspace of a verified organisation for an operator", async () => {
    const siren = uniqueSiren();
    const admin = await createUser(db);
    const workspace = await createWorkspace(db, { members: [{ user: admin, role: "owner" }] });
    await db.update(workspaces).set({ siren }).where(eq(workspaces.id, workspace.id));
    const elsewhere = siretOf(uniqueSiren());
    await signIn("proconnect", `${admin.email};${elsewhere}`);
    expect(await claimOf(workspace.id)).toBeNull();
    const verification = await callerFor(db, admin).workspaces.verification({ workspaceSlug: workspace.slug });
    expect(verification).toMatchObject({ status: "none", proconnect: { siret: elsewhere, matches: false } });

    // Verified properly, then a second workspace naming the same SIREN: it waits for an operator.
    await signIn("proconnect", `${admin.email};${siretOf(siren)}`);
    expect(await claimOf(workspace.id)).toMatchObject({ status: "verified" });
    const squatter = await createUser(db);
    const second = await createWorkspace(db, { members: [{ user: squatter, role: "owner" }] });
    await db.update(workspaces).set({ siren }).where(eq(workspaces.id, second.id));
    await signIn("proconnect", `${squatter.email};${siretOf(siren)}`);
    expect(await claimOf(second.id)).toMatchObject({ status: "requested", method: null });
    expect(await claimOf(workspace.id)).toMatchObject({ status: "verified" });
  });
});

describe("a generic OpenID provider and account linking", () => {
  it("links to the existing account by a verified email and reads the profile from the ID token", async () => {
    const existing = await createUser(db, { email: `${uniq("salarie")}@groupe.example` });
    const { browser, callback } = await signIn("oidc", existing.email);
    expect(callback.headers.get("location")).toBe(`${ORIGIN}/workspaces`);
    expect(await sessionOf(browser)).toMatchObject({ userId: existing.id, identityProvider: "oidc" });
    const linked = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.userId, existing.id), eq(accounts.provider, "oidc")));
    expect(linked).toHaveLength(1);
  });

  it("never links or creates an account from an email the provider did not verify", async () => {
    const existing = await createUser(db, { email: `${uniq("cible")}@groupe.example` });
    const { browser, callback } = await signIn("oidc", `${existing.email};;unverified`);
    expect(refusal(callback)).toMatchObject({ path: "/signin", error: "OidcRefused", reason: "email" });
    expect(await sessionOf(browser)).toBeNull();
    expect(await db.select().from(accounts).where(eq(accounts.userId, existing.id))).toHaveLength(0);

    const stranger = `${uniq("inconnu")}@groupe.example`;
    const second = await signIn("oidc", `${stranger};;unverified`);
    expect(refusal(second.callback).reason).toBe("email");
    expect(await db.select().from(users).where(eq(users.email, stranger))).toHaveLength(0);
  });
});

describe("forged, misdirected and replayed answers are refused with a reason", () => {
  /** Replaces the ID token in the token endpoint's answer with `forge(original claims)`. */
  function forgeIdToken(forge: (claims: Record<string, unknown>) => Promise<string>) {
    tamper = async (url, response) => {
      if (!url.endsWith("/token")) return response;
      const body = (await response.json()) as Record<string, unknown>;
      const idToken = await forge(decodeJwt(String(body.id_token)) as Record<string, unknown>);
      return new Response(JSON.stringify({ ...body, id_token: idToken }), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
    };
  }

  async function refusedWith(providerId: "proconnect" | "oidc", reason: string) {
    const email = `${uniq("cible")}@example.org`;
    const { browser, callback } = await signIn(providerId, email);
    expect(refusal(callback)).toMatchObject({ path: "/signin", error: "OidcRefused", reason });
    expect(await sessionOf(browser)).toBeNull();
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(tamper).toBeNull();
  }

  it("refuses an ID token signed by another key", async () => {
    const { privateKey } = await generateKeyPair("RS256");
    forgeIdToken(async (claims) =>
      new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "attacker" }).sign(privateKey),
    );
    await refusedWith("proconnect", "signature");
  });

  it("refuses a userinfo JWT whose payload was altered after signing", async () => {
    tamper = async (url, response) => {
      if (!url.endsWith("/me")) return response;
      const [header, payload, signature] = (await response.text()).split(".");
      const claims = JSON.parse(Buffer.from(payload!, "base64url").toString());
      const altered = Buffer.from(JSON.stringify({ ...claims, siret: "35600000000048" })).toString("base64url");
      return new Response(`${header}.${altered}.${signature}`, {
        status: 200,
        headers: { "content-type": "application/jwt; charset=utf-8" },
      });
    };
    await refusedWith("proconnect", "signature");
  });

  it("refuses an ID token from another issuer, and a provider whose discovery names another issuer", async () => {
    forgeIdToken((claims) => provider.sign({ ...claims, iss: undefined }, { issuer: "https://usurpateur.example" }));
    await refusedWith("oidc", "issuer");

    const misnamed = { ...sso, issuer: provider.issuer.replace("127.0.0.1", "localhost") };
    const { callback } = await signIn("oidc", "x@example.org", { overrides: { oidc: misnamed } });
    expect(refusal(callback)).toMatchObject({ error: "OidcRefused", reason: "issuer" });
  });

  it("refuses an expired ID token", async () => {
    const past = Math.floor(Date.now() / 1000) - 3600;
    forgeIdToken((claims) => provider.sign({ ...claims, iat: past - 600, exp: past }));
    await refusedWith("proconnect", "expired");
  });

  it("refuses an ID token meant for another client", async () => {
    forgeIdToken((claims) => provider.sign({ ...claims, aud: "another-client" }));
    await refusedWith("oidc", "audience");
  });

  it("refuses a replayed ID token (its nonce belongs to an earlier sign-in)", async () => {
    const first = await signIn("oidc", `${uniq("premier")}@example.org`);
    const earlier = (await sessionOf(first.browser))!.idToken!;
    forgeIdToken(async () => earlier);
    await refusedWith("oidc", "nonce");
  });

  it("refuses a replayed callback: the state was used, and another browser never had it", async () => {
    const email = `${uniq("rejeu")}@example.org`;
    const { browser, callbackUrl } = await signIn("proconnect", email);
    expect(await sessionOf(browser)).not.toBeNull();
    const again = await browser.fetch(callbackUrl!);
    expect(refusal(again)).toMatchObject({ path: "/signin", error: "OidcRefused", reason: "state" });

    const elsewhere = appBrowser(ORIGIN, () => config());
    const stolen = await elsewhere.fetch(callbackUrl!);
    expect(refusal(stolen)).toMatchObject({ error: "OidcRefused", reason: "state" });
    expect(await sessionOf(elsewhere)).toBeNull();
    const [{ count }] = (await sqlRows<{ count: number }>(
      db.execute(
        sql`select count(*)::int as count from sessions s join users u on u.id = s.user_id where u.email = ${email}`,
      ),
    )) as [{ count: number }];
    expect(count).toBe(1);
  });
});
