import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { exportJWK, generateKeyPair, SignJWT, type JWK } from "jose";
import Provider, { type Configuration } from "oidc-provider";

/**
 * A real OpenID provider (node-oidc-provider) set up the way ProConnect behaves, for the tests,
 * the browser suite and local development: the userinfo answer is a signed JWT, the `siret`,
 * `given_name`, `usual_name`, `uid` and `organizational_unit` claims have scopes of the same
 * name, the ID token carries an `acr`, and logout refuses a request without `id_token_hint`.
 *
 * Its sign-in page asks only for an identifier. A known account (see `accounts`) answers with
 * its claims; otherwise `email` or `email;siret` or `email;siret;unverified` is read as such, so a
 * test signs in as anyone acting for any establishment.
 */

export interface OidcTestAccount {
  email: string;
  emailVerified?: boolean;
  givenName?: string;
  usualName?: string;
  siret?: string;
}

export interface OidcTestClient {
  clientId: string;
  clientSecret: string;
  /** The app's base URL: its callback is <appUrl>/api/auth/callback/<providerId>. */
  appUrl: string;
  providerId: string;
  /** ProConnect sends userinfo as a signed JWT; a generic provider answers JSON. */
  signedUserinfo: boolean;
}

export interface StartedOidcProvider {
  issuer: string;
  close(): Promise<void>;
  /** Signs a JWT with the provider's own key (tests forge expired or misdirected tokens with it). */
  sign(claims: Record<string, unknown>, options?: { expiresIn?: number; issuer?: string }): Promise<string>;
  /** The ID tokens the provider ended sessions for, in order (what arrived as id_token_hint). */
  endedSessions: string[];
}

const SCOPES = ["openid", "email", "profile", "given_name", "usual_name", "siret", "uid", "organizational_unit"];

export function accountFromLogin(
  login: string,
  known: Record<string, OidcTestAccount> = {},
): OidcTestAccount & { sub: string } {
  const key = login.trim();
  const found = known[key];
  if (found) return { sub: key, ...found };
  const [email = "", siret, flag] = key.split(";").map((part) => part.trim());
  return {
    sub: email.toLowerCase(),
    email: email.toLowerCase(),
    siret: siret || undefined,
    emailVerified: flag !== "unverified",
  };
}

function page(title: string, body: string) {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;color:#111}label,input,button{display:block;font-size:1rem}
input{width:100%;padding:.5rem;margin:.25rem 0 1rem;border:1px solid #444}button{padding:.5rem 1rem;background:#000091;color:#fff;border:0}</style>
</head><body><main>${body}</main></body></html>`;
}

function escapeHtml(value: string) {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export async function startOidcProvider(options: {
  port?: number;
  host?: string;
  clients: OidcTestClient[];
  accounts?: Record<string, OidcTestAccount>;
  acr?: string;
}): Promise<StartedOidcProvider> {
  const host = options.host ?? "127.0.0.1";
  // Requests that arrive before the provider exists (its issuer needs the port) wait for it:
  // without a handler they hung, and a readiness probe polling early waited forever.
  let handle: ((req: IncomingMessage, res: ServerResponse) => void) | null = null;
  const waiting: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    if (handle) handle(req, res);
    else waiting.push(() => handle!(req, res));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const issuer = `http://${host}:${(server.address() as AddressInfo).port}`;

  const { privateKey } = await generateKeyPair("RS256", { extractable: true });
  const jwk: JWK = {
    ...(await exportJWK(privateKey)),
    kid: `test-${randomBytes(4).toString("hex")}`,
    use: "sig",
    alg: "RS256",
  };
  const endedSessions: string[] = [];
  const accounts = options.accounts ?? {};

  const configuration: Configuration = {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: [`${c.appUrl}/api/auth/callback/${c.providerId}`],
      post_logout_redirect_uris: [`${c.appUrl}/signin`],
      // ProConnect puts acr in every ID token and signs userinfo; a generic provider does neither.
      ...(c.signedUserinfo
        ? { userinfo_signed_response_alg: "RS256", default_acr_values: [options.acr ?? "eidas1"] }
        : {}),
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString("hex")] },
    scopes: SCOPES,
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "given_name", "family_name"],
      given_name: ["given_name"],
      usual_name: ["usual_name"],
      siret: ["siret"],
      uid: ["uid"],
      organizational_unit: ["organizational_unit"],
    },
    acrValues: [options.acr ?? "eidas1"],
    // Like Entra ID or Google, the ID token itself carries the email and profile claims.
    conformIdTokenClaims: false,
    pkce: { required: () => false },
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        // ProConnect signs out without asking: the confirmation form posts itself.
        logoutSource(ctx, form) {
          const confirmed = form.replace("</form>", '<input type="hidden" name="logout" value="yes"/></form>');
          ctx.body = page(
            "Déconnexion",
            `<h1>Déconnexion</h1>${confirmed}<button type="submit" form="op.logoutForm">Se déconnecter</button><script>document.getElementById("op.logoutForm").submit()</script>`,
          );
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, sub) {
      const account = accountFromLogin(sub, accounts);
      return {
        accountId: sub,
        async claims() {
          const given = account.givenName ?? account.email.split("@")[0] ?? "";
          const usual = account.usualName ?? "Test";
          return {
            sub,
            email: account.email,
            email_verified: account.emailVerified !== false,
            given_name: given,
            usual_name: usual,
            family_name: usual,
            name: `${given} ${usual}`,
            uid: sub,
            ...(account.siret ? { siret: account.siret, organizational_unit: "Direction" } : {}),
          };
        },
      };
    },
    ttl: { Session: 3600, Interaction: 600, Grant: 3600, AccessToken: 600, AuthorizationCode: 60, IdToken: 600 },
    renderError(ctx, out) {
      ctx.type = "html";
      ctx.body = page(
        "Erreur",
        `<h1>Erreur du fournisseur d'identité</h1><p>${escapeHtml(String(out.error_description ?? out.error ?? ""))}</p>`,
      );
    },
  };

  const provider = new Provider(issuer, configuration);

  provider.use(async (ctx, next) => {
    // ProConnect requires id_token_hint at logout; so does this provider.
    if (ctx.path === "/session/end" && ctx.method === "GET") {
      const hint = ctx.query.id_token_hint;
      if (typeof hint !== "string" || !hint) {
        ctx.status = 400;
        ctx.body = page("Erreur", "<h1>id_token_hint manquant</h1>");
        return;
      }
      endedSessions.push(hint);
    }
    const match = /^\/interaction\/([\w-]+)$/.exec(ctx.path);
    if (!match) return next();
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    if (ctx.method === "POST") {
      const body = await new Promise<string>((resolve) => {
        let text = "";
        ctx.req.on("data", (chunk: Buffer) => (text += chunk.toString()));
        ctx.req.on("end", () => resolve(text));
      });
      const login = new URLSearchParams(body).get("login")?.trim();
      if (!login) {
        ctx.status = 400;
        ctx.body = page("Connexion", "<h1>Identifiant manquant</h1>");
        return;
      }
      await provider.interactionFinished(
        ctx.req,
        ctx.res,
        { login: { accountId: login, acr: options.acr ?? "eidas1", amr: ["pwd"] } },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    if (details.prompt.name === "consent") {
      // Consent is implied: what the client asked for is granted.
      const grant = details.grantId
        ? await provider.Grant.find(details.grantId)
        : new provider.Grant({ accountId: details.session!.accountId, clientId: String(details.params.client_id) });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
      if (missing.missingOIDCScope) grant!.addOIDCScope(missing.missingOIDCScope.join(" "));
      if (missing.missingOIDCClaims) grant!.addOIDCClaims(missing.missingOIDCClaims);
      const grantId = await grant!.save();
      await provider.interactionFinished(ctx.req, ctx.res, { consent: { grantId } }, { mergeWithLastSubmission: true });
      return;
    }
    ctx.type = "html";
    ctx.body = page(
      "Connexion",
      `<h1>Fournisseur d'identité de test</h1>
<p>Identifiant : une adresse e-mail, suivie au besoin de « ;SIRET ».</p>
<form method="post" action="/interaction/${escapeHtml(match[1]!)}">
<label for="login">Identifiant</label><input id="login" name="login" autocomplete="username" required autofocus>
<button type="submit">Se connecter</button></form>`,
    );
  });

  handle = provider.callback();
  for (const run of waiting.splice(0)) run();

  return {
    issuer,
    endedSessions,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
    async sign(claims, signOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ iat: now, exp: now + (signOptions.expiresIn ?? 600), ...claims })
        .setProtectedHeader({ alg: "RS256", kid: jwk.kid! })
        .setIssuer(signOptions.issuer ?? issuer)
        .sign(privateKey);
    },
  };
}
