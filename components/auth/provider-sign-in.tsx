import { getTranslations } from "@/server/i18n/server-translations";
import { signInWithProvider } from "@/app/actions";

/**
 * Buttons for ProConnect and the generic OpenID provider, shown only when configured. Each is a
 * form posting to a server action, so it works without JavaScript and from the keyboard.
 */
export async function ProviderSignIn({
  providers,
  callbackUrl,
  intent = "signIn",
}: {
  providers: Array<{ id: "proconnect" | "oidc"; name: string }>;
  callbackUrl?: string;
  intent?: "signIn" | "verify";
}) {
  if (providers.length === 0) return null;
  const t = await getTranslations("signIn");
  return (
    <ul className="space-y-2">
      {providers.map((p) => (
        <li key={p.id}>
          <form action={signInWithProvider}>
            <input type="hidden" name="provider" value={p.id} />
            <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/workspaces"} />
            <button
              type="submit"
              data-testid={`signin-${p.id}`}
              className={
                p.id === "proconnect"
                  ? "w-full rounded-md bg-[#000091] px-4 py-2 text-left font-semibold text-white hover:bg-[#1212ff] focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
                  : "w-full rounded-md border border-slate-600 bg-white px-4 py-2 text-left font-semibold text-slate-900 hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-700"
              }
            >
              {intent === "verify" ? t("verifyWith", { name: p.name }) : t("with", { name: p.name })}
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}
