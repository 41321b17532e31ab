"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import type { Role } from "@/domain/roles";

/** A role picker with an explicit save button (changing a select never acts by itself). */
export function MemberRoleForm({
  workspaceSlug,
  member,
  roles,
}: {
  workspaceSlug: string;
  member: { userId: string; email: string; role: Role; version: number };
  roles: readonly Role[];
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const [role, setRole] = useState<Role>(member.role);
  const change = useMutation(trpc.members.changeRole.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(change.error);
  const id = `role-${member.userId}`;
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        change.mutate({ workspaceSlug, userId: member.userId, role, version: member.version });
      }}
    >
      <label htmlFor={id} className="sr-only">
        {t("members.changeRole", { email: member.email })}
      </label>
      <select
        id={id}
        value={role}
        onChange={(e) => setRole(e.target.value as Role)}
        className="rounded-md border border-slate-500 bg-white px-2 py-1 focus:outline focus:outline-3 focus:outline-blue-700"
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
      <Button
        type="submit"
        variant="secondary"
        className="px-3 py-1"
        disabled={change.isPending || role === member.role}
      >
        {t("app.save")}
      </Button>
      <InlineFeedback
        error={errors.message}
        success={change.isSuccess && t("members.roleChanged", { email: member.email })}
      />
    </form>
  );
}
