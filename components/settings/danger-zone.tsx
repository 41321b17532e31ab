"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";

/** Deleting the workspace, for its owners: typing its name confirms. */
export function DeleteWorkspace({ workspaceSlug, name }: { workspaceSlug: string; name: string }) {
  const t = useTranslations("gdpr");
  const trpc = useTRPC();
  const router = useRouter();
  const [confirmName, setConfirmName] = useState("");
  const remove = useMutation(trpc.workspaces.delete.mutationOptions({ onSuccess: () => router.push("/workspaces") }));
  const errors = useMutationErrors(remove.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate({ workspaceSlug, confirmName });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-red-700 bg-white p-4">
      <p className="text-sm">{t("deleteWorkspaceHelp")}</p>
      <TextField
        id="confirm-workspace"
        label={t("typeName", { name })}
        value={confirmName}
        onChange={(e) => setConfirmName(e.target.value)}
        error={errors.fields.confirmName}
        autoComplete="off"
      />
      <Button type="submit" variant="danger" disabled={remove.isPending}>
        {t("deleteWorkspace")}
      </Button>
      <InlineFeedback error={errors.fields.confirmName ? undefined : errors.message} />
    </form>
  );
}

/** Deleting one's own account: typing one's address confirms; owners are told to hand over first. */
export function DeleteAccount({ email, owned }: { email: string; owned: Array<{ slug: string; name: string }> }) {
  const t = useTranslations("gdpr");
  const trpc = useTRPC();
  const router = useRouter();
  const [confirmEmail, setConfirmEmail] = useState("");
  // The sessions went with the account: the home page renders signed out.
  const remove = useMutation(
    trpc.account.delete.mutationOptions({
      onSuccess: () => {
        router.push("/");
        router.refresh();
      },
    }),
  );
  const errors = useMutationErrors(remove.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    remove.mutate({ confirmEmail });
  };
  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-red-700 bg-white p-4">
      <p className="text-sm">{t("deleteAccountHelp")}</p>
      {owned.length ? (
        <p className="text-sm font-medium" role="note">
          {t("ownerFirst", { names: owned.map((w) => w.name).join(", ") })}
        </p>
      ) : null}
      <TextField
        id="confirm-email"
        label={t("typeEmail", { email })}
        value={confirmEmail}
        onChange={(e) => setConfirmEmail(e.target.value)}
        error={errors.fields.confirmEmail}
        autoComplete="off"
      />
      <Button type="submit" variant="danger" disabled={remove.isPending}>
        {t("deleteAccount")}
      </Button>
      <InlineFeedback error={errors.fields.confirmEmail ? undefined : errors.message} />
    </form>
  );
}
