"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { Role } from "@/domain/roles";

export function InviteForm({ workspaceSlug, roles }: { workspaceSlug: string; roles: readonly Role[] }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>(roles.includes("editor") ? "editor" : roles[0]!);
  const invite = useMutation(
    trpc.members.invite.mutationOptions({
      onSuccess: () => {
        setEmail("");
        router.refresh();
      },
    }),
  );
  const errors = useMutationErrors(invite.error);
  return (
    <form
      className="space-y-4"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        invite.mutate({ workspaceSlug, email, role });
      }}
    >
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      {invite.isSuccess ? (
        <Notice tone="success" testId="invite-sent">
          {t("members.invited", { email: invite.data.email })}
        </Notice>
      ) : null}
      <TextField
        id="invite-email"
        type="email"
        autoComplete="off"
        required
        label={t("members.email")}
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        error={errors.fields.email}
      />
      <SelectField
        id="invite-role"
        label={t("members.role")}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        options={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        error={errors.fields.role}
      />
      <Button type="submit" disabled={invite.isPending}>
        {t("members.invite")}
      </Button>
    </form>
  );
}
