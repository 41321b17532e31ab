"use client";

import { useMutation } from "@tanstack/react-query";
import { formatDate } from "@/domain/dates";
import type { WebhookEvent } from "@/domain/webhooks";
import { useRouter } from "next/navigation";
import { useTranslations, useLocale } from "next-intl";
import { type FormEvent, useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { Notice } from "@/components/ui/notice";
import { WEBHOOK_EVENTS } from "@/domain/webhooks";
import { labelOf } from "@/messages/labels";

interface Hook {
  id: string;
  url: string;
  events: string[];
  deliveries: Array<{
    id: string;
    event: string;
    status: "pending" | "delivered" | "failed";
    attempts: number;
    lastStatusCode: number | null;
    createdAt: Date;
  }>;
}

/** Register HTTPS endpoints for events, see each one's latest deliveries, remove them. */
export function Webhooks({ workspaceSlug, hooks }: { workspaceSlug: string; hooks: Hook[] }) {
  const t = useTranslations("webhooks");
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["alliance.created", "alliance.updated"]);
  const create = useMutation(trpc.webhooks.create.mutationOptions({ onSuccess: () => router.refresh() }));
  const remove = useMutation(trpc.webhooks.delete.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(create.error ?? remove.error);
  const label = (event: string) => labelOf(t, "eventNames", event.replace(".", "_"));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ workspaceSlug, url, events });
  };
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-800">{t("intro")}</p>
      {create.data ? (
        <Notice tone="success" testId="webhook-secret">
          <label htmlFor="webhook-secret-value" className="block text-sm font-medium">
            {t("secret")}
          </label>
          <input
            id="webhook-secret-value"
            readOnly
            value={create.data.secret}
            className="mt-1 block w-full rounded border border-slate-500 bg-white px-2 py-1 font-mono text-sm"
          />
        </Notice>
      ) : null}
      <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
        <TextField
          id="webhook-url"
          type="url"
          label={t("url")}
          value={url}
          onChange={(e) => setUrl(e.target.value)}
          error={errors.fields.url}
          placeholder="https://"
        />
        <fieldset>
          <legend className="text-sm font-medium">{t("events")}</legend>
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={events.includes(event)}
                onChange={(e) => setEvents(e.target.checked ? [...events, event] : events.filter((x) => x !== event))}
              />
              {label(event)}
            </label>
          ))}
          {errors.fields.events ? <p className="text-sm font-medium text-red-800">{errors.fields.events}</p> : null}
        </fieldset>
        <Button type="submit" disabled={create.isPending}>
          {t("create")}
        </Button>
        <InlineFeedback error={errors.fields.url || errors.fields.events ? undefined : errors.message} />
      </form>
      {hooks.length === 0 ? <p className="text-sm">{t("none")}</p> : null}
      {hooks.map((hook) => (
        <section
          key={hook.id}
          className="space-y-2 rounded-md border border-slate-300 bg-white p-3"
          data-testid="webhook"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <p className="break-all font-mono text-sm">{hook.url}</p>
            <Button
              type="button"
              variant="danger"
              aria-label={t("deleteNamed", { url: hook.url })}
              onClick={() => remove.mutate({ workspaceSlug, id: hook.id })}
            >
              {t("delete")}
            </Button>
          </div>
          <p className="text-sm text-slate-700">{hook.events.map(label).join(", ")}</p>
          <h3 className="text-sm font-semibold">{t("log")}</h3>
          {hook.deliveries.length ? (
            <ul className="space-y-1 text-sm" aria-label={t("logCaption", { url: hook.url })}>
              {hook.deliveries.map((d) => (
                <li key={d.id}>
                  {formatDate(new Date(d.createdAt), locale, { dateStyle: "short", timeStyle: "short" })} ·{" "}
                  {t("delivery", {
                    event: label(d.event),
                    status: t(`status.${d.status}`),
                    attempts: d.attempts,
                    code: d.lastStatusCode ? ` (HTTP ${d.lastStatusCode})` : "",
                  })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm">{t("noDelivery")}</p>
          )}
        </section>
      ))}
    </div>
  );
}
