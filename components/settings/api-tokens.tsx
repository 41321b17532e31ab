"use client";

import { useMutation } from "@tanstack/react-query";
import { formatDate } from "@/domain/dates";
import { useRouter } from "next/navigation";
import { useTranslations, useLocale } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { Notice } from "@/components/ui/notice";

interface Token {
  id: string;
  name: string;
  prefix: string;
  scope: "read" | "read_write";
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  expired: boolean;
}

/** The workspace's API tokens: create one (shown once), see when each was used, revoke. */
export function ApiTokens({ workspaceSlug, tokens }: { workspaceSlug: string; tokens: Token[] }) {
  const t = useTranslations("apiTokens");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [scope, setScope] = useState<"read" | "read_write">("read");
  const [days, setDays] = useState("90");
  const create = useMutation(trpc.apiTokens.create.mutationOptions({ onSuccess: () => router.refresh() }));
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(create.error ?? revoke.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ workspaceSlug, name, scope, days: Number(days) });
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-800">
        {t("intro")} <a href="/api/docs">{t("docs")}</a>
      </p>
      {create.data ? (
        <Notice tone="success" testId="new-token">
          <p className="font-medium">{t("shownOnce")}</p>
          <label htmlFor="new-token-value" className="mt-2 block text-sm">
            {t("tokenLabel")}
          </label>
          <input
            id="new-token-value"
            readOnly
            value={create.data.token}
            className="mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1 font-mono text-sm"
            onFocus={(e) => e.target.select()}
          />
        </Notice>
      ) : null}
      <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
        <TextField
          id="token-name"
          label={t("name")}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={errors.fields.name}
        />
        <SelectField
          id="token-scope"
          label={t("scope")}
          value={scope}
          onChange={(e) => setScope(e.target.value as "read" | "read_write")}
          options={[
            { value: "read", label: t("scopes.read") },
            { value: "read_write", label: t("scopes.read_write") },
          ]}
        />
        <TextField
          id="token-days"
          type="number"
          min={1}
          max={365}
          label={t("days")}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={errors.fields.days}
        />
        <Button type="submit" disabled={create.isPending}>
          {t("create")}
        </Button>
        <InlineFeedback error={errors.fields.name || errors.fields.days ? undefined : errors.message} />
      </form>
      {tokens.length ? (
        <table className="w-full text-left text-sm" data-testid="api-tokens">
          <caption className="sr-only">{t("listCaption")}</caption>
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-3">
                {t("name")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("scope")}
              </th>
              <th scope="col" className="py-1 pr-3">
                {t("state")}
              </th>
              <th scope="col" className="py-1 pr-3">
                <span className="sr-only">{t("actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => {
              const expired = token.expired;
              return (
                <tr key={token.id} className="border-b border-slate-200 align-top">
                  <td className="py-1 pr-3">
                    {token.name}
                    <br />
                    <code className="text-xs">{token.prefix}…</code>
                  </td>
                  <td className="py-1 pr-3">{t(`scopes.${token.scope}`)}</td>
                  <td className="py-1 pr-3">
                    {token.revokedAt
                      ? t("revoked")
                      : expired
                        ? t("expired")
                        : t("valid", { date: formatDate(new Date(token.expiresAt), locale, { dateStyle: "medium" }) })}
                    <br />
                    <span className="text-slate-700">
                      {token.lastUsedAt
                        ? t("lastUsed", {
                            date: formatDate(new Date(token.lastUsedAt), locale, {
                              dateStyle: "medium",
                              timeStyle: "short",
                            }),
                          })
                        : t("neverUsed")}
                    </span>
                  </td>
                  <td className="py-1 pr-3">
                    {!token.revokedAt && !expired ? (
                      <Button
                        type="button"
                        variant="danger"
                        aria-label={t("revokeNamed", { name: token.name })}
                        onClick={() => revoke.mutate({ workspaceSlug, id: token.id })}
                      >
                        {t("revoke")}
                      </Button>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="text-sm">{t("none")}</p>
      )}
    </div>
  );
}
