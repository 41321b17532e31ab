"use server";

import { randomBytes } from "node:crypto";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { AuthError } from "next-auth";
import { z } from "zod";
import { env } from "@/env";
import { LOCALE_COOKIE, toLocale } from "@/messages/locales";
import { signIn, signOut } from "@/server/auth";
import { endSessionUrl } from "@/server/auth/oidc";
import { sessionCookieName } from "@/server/auth/session-cookie";
import { appDb } from "@/server/runtime";
import { createDemoSession, sessionProvider } from "@/server/auth/sessions";

export async function setLocale(formData: FormData) {
  const locale = toLocale(String(formData.get("locale")));
  (await cookies()).set(LOCALE_COOKIE, locale, { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
  const back = String(formData.get("returnTo") ?? "/");
  redirect(back.startsWith("/") && !back.startsWith("//") ? back : "/");
}

/**
 * Signs out of Maillage; a session opened with ProConnect or the OpenID provider then ends the
 * provider's session too (its end-session endpoint, with the ID token as id_token_hint).
 */
export async function signOutAction() {
  const config = env();
  const token = (await cookies()).get(sessionCookieName(config.APP_URL))?.value;
  const opened = token ? await sessionProvider(await appDb(), token) : null;
  await signOut({ redirect: false });
  const settings =
    opened?.provider === "proconnect" ? config.proconnect : opened?.provider === "oidc" ? config.oidc : null;
  const away =
    settings && opened?.idToken
      ? await endSessionUrl(settings, opened.idToken, config.APP_URL, randomBytes(16).toString("hex"))
      : null;
  redirect(away ?? "/signin");
}

function safeReturn(value: FormDataEntryValue | null, fallback: string) {
  const target = String(value ?? fallback);
  return target.startsWith("/") && !target.startsWith("//") ? target : fallback;
}

/** Starts a sign-in with ProConnect or the generic OpenID provider (only those configured). */
export async function signInWithProvider(formData: FormData) {
  const config = env();
  const provider = String(formData.get("provider"));
  if (!(provider === "proconnect" ? config.proconnect : provider === "oidc" ? config.oidc : null)) redirect("/signin");
  await signIn(provider, { redirectTo: safeReturn(formData.get("callbackUrl"), "/workspaces") });
}

export type SignInState = { error?: "invalidEmail" } | undefined;

/** Asks Auth.js to send a sign-in link (the rate limit lives in its signIn callback). */
export async function requestSignInLink(_prev: SignInState, formData: FormData): Promise<SignInState> {
  const email = z.email().safeParse(
    String(formData.get("email") ?? "")
      .trim()
      .toLowerCase(),
  );
  if (!email.success) return { error: "invalidEmail" };
  const callback = String(formData.get("callbackUrl") ?? "/workspaces");
  const redirectTo = callback.startsWith("/") && !callback.startsWith("//") ? callback : "/workspaces";
  // No redirect from Auth.js itself: its verify-request hop is a route handler, which the
  // client router does not follow reliably after a server action. We redirect ourselves.
  let error: string | null;
  try {
    const outcome = await signIn("email", { email: email.data, redirectTo, redirect: false });
    error = typeof outcome === "string" ? new URL(outcome, env().APP_URL).searchParams.get("error") : null;
  } catch (failure) {
    if (!(failure instanceof AuthError)) throw failure;
    error = "EmailSignin";
  }
  redirect(error ? `/signin?error=${encodeURIComponent(error)}` : "/signin/check-email");
}

/** One-click sign-in as a demo persona. Refused unless demo mode is on (see env.ts). */
export async function demoSignIn(formData: FormData) {
  const config = env();
  if (!config.demoSignIn) redirect("/signin");
  const session = await createDemoSession(await appDb(), String(formData.get("persona")));
  if (!session) redirect("/signin");
  const { sessionToken, expires } = session;
  (await cookies()).set(sessionCookieName(config.APP_URL), sessionToken, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: config.APP_URL.startsWith("https://"),
    expires,
  });
  redirect(`/w/${session.workspaceSlug}`);
}
