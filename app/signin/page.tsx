import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { demoSignIn } from "@/app/actions";
import { ProviderSignIn } from "@/components/auth/provider-sign-in";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Notice } from "@/components/ui/notice";
import { DEMO_PERSONAS } from "@/domain/demo";
import { env } from "@/env";
import { currentUser } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("title") };
}

const REASONS = new Set([
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
]);

function errorKey(error: string, reason?: string) {
  if (error === "RateLimited") return "rateLimited";
  if (error === "EmailSignin") return "sendFailed";
  if (error === "OidcRefused") return `refused.${reason && REASONS.has(reason) ? reason : "provider"}`;
  if (error === "OAuthAccountNotLinked") return "refused.linked";
  if (error === "OAuthCallbackError" || error === "AccessDenied") return "refused.provider";
  return "error";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; reason?: string; callbackUrl?: string }>;
}) {
  if (await currentUser()) redirect("/workspaces");
  const t = await getTranslations("signIn");
  const { error, reason, callbackUrl } = await searchParams;
  const config = env();
  const providers = [
    ...(config.proconnect ? [{ id: "proconnect" as const, name: "ProConnect" }] : []),
    ...(config.oidc ? [{ id: "oidc" as const, name: config.oidc.name }] : []),
  ];
  return (
    <ScopedMessages scope="signIn">
      <div className="mx-auto max-w-md space-y-8">
        <section className="space-y-4">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          {error ? (
            <Notice tone="error" testId="signin-error">
              {t(errorKey(error, reason))}
            </Notice>
          ) : null}
          {providers.length > 0 ? (
            <section aria-labelledby="providers-title" className="space-y-3">
              <h2 id="providers-title" className="text-lg font-semibold">
                {t("providersTitle")}
              </h2>
              <p className="text-sm text-slate-800">{t("providersIntro")}</p>
              <ProviderSignIn providers={providers} callbackUrl={callbackUrl} />
            </section>
          ) : null}
          <p className="text-slate-800">{t("intro")}</p>
          <SignInForm callbackUrl={callbackUrl} />
        </section>
        {env().demoSignIn ? (
          <section
            aria-labelledby="demo-title"
            className="space-y-3 rounded-md border border-amber-700 bg-amber-50 p-4"
          >
            <h2 id="demo-title" className="text-lg font-semibold">
              {t("demoTitle")}
            </h2>
            <p className="text-sm text-slate-900">{t("demoIntro")}</p>
            <ul className="space-y-2">
              {DEMO_PERSONAS.map((p) => (
                <li key={p.key}>
                  <form action={demoSignIn}>
                    <input type="hidden" name="persona" value={p.key} />
                    <button
                      type="submit"
                      className="w-full rounded-md border border-slate-500 bg-white px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
                    >
                      {t("demoAs", { name: `${p.name}, ${t(`personas.${p.key}`)}` })}
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </ScopedMessages>
  );
}
