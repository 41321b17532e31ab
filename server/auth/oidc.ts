import { AsyncLocalStorage } from "node:async_hooks";
import { customFetch } from "@auth/core";
import type { OIDCConfig } from "@auth/core/providers";
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from "jose";
import type { OidcSettings } from "../../env";

/**
 * Sign-in with ProConnect and with one generic OpenID Connect provider, on Auth.js.
 *
 * Auth.js (oauth4webapi) checks the state, the PKCE verifier, the nonce and the claims of the ID
 * token, but not its signature, nor the signature of a userinfo answer sent as a JWT: it trusts
 * the TLS connection to the token endpoint. Maillage checks both against the provider's published
 * keys, in the fetch Auth.js uses to talk to the provider, so a forged or replayed token is refused
 * before any account is touched. Why a sign-in was refused is kept for the request (see
 * `explainRefusal`) and shown on the sign-in page.
 */

export const OIDC_PROVIDER_IDS = ["proconnect", "oidc"] as const;
export type OidcProviderId = (typeof OIDC_PROVIDER_IDS)[number];

export const PROCONNECT_SCOPE = "openid email given_name usual_name siret uid organizational_unit";
export const GENERIC_SCOPE = "openid email profile";

export const REFUSALS = [
  "issuer",
  "signature",
  "expired",
  "audience",
  "nonce",
  "state",
  "email",
  "provider",
  "unavailable",
  "linked",
] as const;
export type OidcRefusal = (typeof REFUSALS)[number];

class OidcRefused extends Error {
  constructor(
    readonly reason: OidcRefusal,
    message: string,
  ) {
    super(message);
    this.name = "OidcRefused";
  }
}

const refusals = new AsyncLocalStorage<{ reason?: OidcRefusal }>();

function note(reason: OidcRefusal) {
  const store = refusals.getStore();
  if (store && !store.reason) store.reason = reason;
}

function refuse(reason: OidcRefusal, message: string): never {
  note(reason);
  throw new OidcRefused(reason, message);
}

/** Reads what went wrong from an error Auth.js reports (its own, oauth4webapi's or ours, through `cause`). */
export function classifyAuthError(error: unknown): OidcRefusal | null {
  for (let e: unknown = error, depth = 0; e && depth < 6; depth++) {
    if (e instanceof OidcRefused) return e.reason;
    const { type, message = "", cause } = e as { type?: string; message?: string; cause?: unknown };
    if (type === "InvalidCheck") return /nonce/i.test(message) ? "nonce" : "state";
    if (type === "OAuthAccountNotLinked") return "linked";
    if (/"nonce"/.test(message)) return "nonce";
    if (/"iss"|issuer/i.test(message) && /unexpected|mismatch/i.test(message)) return "issuer";
    if (/"exp"/.test(message)) return "expired";
    if (type === "OAuthCallbackError") return "provider";
    e = (cause as { err?: unknown } | undefined)?.err ?? cause;
  }
  return null;
}

/** Called from Auth.js's logger: remembers why this request's sign-in failed. */
export function noteAuthError(error: unknown) {
  const reason = classifyAuthError(error);
  if (reason) note(reason);
}

/**
 * Runs an Auth.js request; when an OpenID sign-in was refused, the redirect to the sign-in page
 * says why (`error=OidcRefused&reason=…`) instead of Auth.js's generic "Configuration".
 */
export async function explainRefusal(run: () => Promise<Response>): Promise<Response> {
  const store: { reason?: OidcRefusal } = {};
  const response = await refusals.run(store, run);
  const location = response.headers.get("location");
  if (!store.reason || !location) return response;
  const target = new URL(location);
  if (!target.searchParams.has("error")) return response;
  target.searchParams.set("error", "OidcRefused");
  target.searchParams.set("reason", store.reason);
  const headers = new Headers(response.headers);
  headers.set("location", target.toString());
  return new Response(response.body, { status: response.status, headers });
}

interface ProviderMetadata {
  issuer: string;
  token_endpoint: string;
  userinfo_endpoint?: string;
  jwks_uri: string;
  end_session_endpoint?: string;
}

type Fetch = typeof fetch;
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const discoveries = new Map<string, { at: number; metadata: Promise<ProviderMetadata> }>();
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function discoveryUrl(issuer: string) {
  return `${issuer.replace(/\/$/, "")}/.well-known/openid-configuration`;
}

/** The provider's discovery document, checked to name the configured issuer (cached ten minutes). */
export function providerMetadata(issuer: string, fetchImpl: Fetch = fetch): Promise<ProviderMetadata> {
  const cached = discoveries.get(issuer);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.metadata;
  const metadata = (async () => {
    let response: Response;
    try {
      response = await fetchImpl(discoveryUrl(issuer), { headers: { accept: "application/json" } });
    } catch (error) {
      refuse("unavailable", `discovery of ${issuer} failed: ${(error as Error).message}`);
    }
    if (!response.ok) refuse("unavailable", `discovery of ${issuer} answered ${response.status}`);
    const document = (await response.json()) as ProviderMetadata;
    if (document.issuer !== issuer) refuse("issuer", `discovery names issuer ${document.issuer}, configured ${issuer}`);
    return document;
  })();
  discoveries.set(issuer, { at: Date.now(), metadata });
  metadata.catch(() => discoveries.delete(issuer));
  return metadata;
}

/** Forgets cached discovery documents and keys (tests restart providers on new ports). */
export function forgetProviders() {
  discoveries.clear();
  keySets.clear();
}

function keySet(metadata: ProviderMetadata) {
  let set = keySets.get(metadata.jwks_uri);
  if (!set) {
    set = createRemoteJWKSet(new URL(metadata.jwks_uri), { cooldownDuration: 30_000 });
    keySets.set(metadata.jwks_uri, set);
  }
  return set;
}

/** Verifies a JWT from the provider: signature against its published keys, issuer, audience, expiry. */
export async function verifyProviderJwt(
  token: string,
  metadata: ProviderMetadata,
  clientId: string,
  what: string,
): Promise<JWTPayload> {
  try {
    const { payload } = await jwtVerify(token, keySet(metadata), {
      issuer: metadata.issuer,
      audience: clientId,
      clockTolerance: 5,
    });
    return payload;
  } catch (error) {
    if (error instanceof OidcRefused) throw error;
    if (error instanceof joseErrors.JWTExpired) refuse("expired", `${what} expired`);
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
      if (error.claim === "iss") refuse("issuer", `${what} from another issuer`);
      if (error.claim === "aud") refuse("audience", `${what} meant for another client`);
      refuse("signature", `${what} claim ${error.claim} refused: ${error.message}`);
    }
    if (error instanceof joseErrors.JOSEError) refuse("signature", `${what} signature refused: ${error.code}`);
    refuse("unavailable", `${what} could not be checked: ${(error as Error).message}`);
  }
}

/** The fetch Auth.js talks to one provider with: it verifies what comes back from the token and userinfo endpoints. */
export function verifyingFetch(
  settings: OidcSettings,
  options: { signedUserinfo: boolean },
  fetchImpl: Fetch = fetch,
): Fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = input instanceof Request ? input.url : String(input);
    const metadata = await providerMetadata(settings.issuer, fetchImpl);
    const response = await fetchImpl(input, init);
    if (!response.ok) return response;
    if (url === metadata.token_endpoint) {
      const body = (await response.clone().json()) as { id_token?: unknown };
      if (typeof body.id_token !== "string") refuse("signature", "token response without an ID token");
      await verifyProviderJwt(body.id_token, metadata, settings.clientId, "ID token");
    } else if (url === metadata.userinfo_endpoint) {
      const type = response.headers.get("content-type") ?? "";
      if (type.startsWith("application/jwt"))
        await verifyProviderJwt((await response.clone().text()).trim(), metadata, settings.clientId, "userinfo");
      else if (options.signedUserinfo) refuse("signature", "userinfo answer is not a signed JWT");
    }
    return response;
  }) as Fetch;
}

interface ProviderProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  given_name?: string;
  usual_name?: string;
  family_name?: string;
  siret?: string;
}

/** ProConnect: profile from the signed userinfo JWT (it alone carries the SIRET). */
export function proconnectProvider(settings: OidcSettings, fetchImpl: Fetch = fetch): OIDCConfig<ProviderProfile> {
  return {
    id: "proconnect",
    name: "ProConnect",
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    idToken: false,
    authorization: {
      params: { scope: PROCONNECT_SCOPE, ...(settings.acrValues ? { acr_values: settings.acrValues } : {}) },
    },
    allowDangerousEmailAccountLinking: true,
    profile(profile) {
      const name = [profile.given_name, profile.usual_name].filter(Boolean).join(" ");
      return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: name || null };
    },
    [customFetch]: verifyingFetch(settings, { signedUserinfo: true }, fetchImpl),
  };
}

/** Any other OpenID Connect provider (Entra ID, Google Workspace, Keycloak…): profile from the ID token. */
export function genericOidcProvider(settings: OidcSettings, fetchImpl: Fetch = fetch): OIDCConfig<ProviderProfile> {
  return {
    id: "oidc",
    name: settings.name,
    type: "oidc",
    issuer: settings.issuer,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    checks: ["pkce", "state", "nonce"],
    authorization: { params: { scope: GENERIC_SCOPE } },
    allowDangerousEmailAccountLinking: true,
    profile(profile) {
      const name = profile.name ?? [profile.given_name, profile.family_name].filter(Boolean).join(" ");
      return { id: profile.sub, email: profile.email?.toLowerCase() ?? null, name: name || null };
    },
    [customFetch]: verifyingFetch(settings, { signedUserinfo: false }, fetchImpl),
  };
}

/**
 * Whether a provider's word on the email address can link or create an account. A generic
 * provider must say `email_verified: true`; ProConnect's federated identity providers check
 * the address themselves, so only an explicit `false` is refused.
 */
export function emailIsVerified(
  providerId: string,
  profile: { email?: unknown; email_verified?: unknown } | undefined,
): boolean {
  if (!profile || typeof profile.email !== "string" || !profile.email) return false;
  if (providerId === "proconnect") return profile.email_verified !== false && profile.email_verified !== "false";
  return profile.email_verified === true || profile.email_verified === "true";
}

/** The `acr` and `sub` of an ID token already verified by `verifyingFetch`. */
export function idTokenClaims(idToken: string | undefined | null): { acr?: string; sub?: string } {
  if (!idToken) return {};
  try {
    const claims = decodeJwt(idToken);
    return { acr: typeof claims.acr === "string" ? claims.acr : undefined, sub: claims.sub };
  } catch {
    return {};
  }
}

/** Where to send the browser to end the provider's session too (RP-initiated logout with id_token_hint). */
export async function endSessionUrl(
  settings: OidcSettings,
  idToken: string,
  appUrl: string,
  state: string,
): Promise<string | null> {
  const metadata = await providerMetadata(settings.issuer).catch(() => null);
  if (!metadata?.end_session_endpoint) return null;
  const url = new URL(metadata.end_session_endpoint);
  url.searchParams.set("id_token_hint", idToken);
  url.searchParams.set("state", state);
  url.searchParams.set("post_logout_redirect_uri", `${appUrl.replace(/\/$/, "")}/signin`);
  return url.toString();
}
