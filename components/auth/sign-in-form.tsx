"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { requestSignInLink } from "@/app/actions";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const t = useTranslations("signIn");
  const [state, action, pending] = useActionState(requestSignInLink, undefined);
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? "/workspaces"} />
      <TextField
        id="signin-email"
        name="email"
        type="email"
        autoComplete="email"
        required
        label={t("email")}
        error={state?.error ? t(state.error) : undefined}
      />
      <Button type="submit" disabled={pending}>
        {t("submit")}
      </Button>
    </form>
  );
}
