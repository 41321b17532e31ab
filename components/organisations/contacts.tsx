"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { Notice } from "@/components/ui/notice";

export function ContactForm({ workspaceSlug, organisationId }: { workspaceSlug: string; organisationId: string }) {
  const t = useTranslations("organisations");
  const trpc = useTRPC();
  const router = useRouter();
  const empty = { name: "", role: "", email: "", phone: "" };
  const [values, setValues] = useState(empty);
  const add = useMutation(
    trpc.organisations.addContact.mutationOptions({
      onSuccess: () => {
        setValues(empty);
        router.refresh();
      },
    }),
  );
  const errors = useMutationErrors(add.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate({
      workspaceSlug,
      organisationId,
      name: values.name,
      role: values.role || null,
      email: values.email || null,
      phone: values.phone || null,
    });
  };
  return (
    <form onSubmit={submit} noValidate className="max-w-2xl space-y-3 rounded-md border border-slate-300 bg-white p-4">
      {errors.message ? <Notice tone="error">{errors.message}</Notice> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField
          id="contact-name"
          label={t("contactName")}
          value={values.name}
          onChange={(e) => setValues({ ...values, name: e.target.value })}
          error={errors.fields.name}
        />
        <TextField
          id="contact-role"
          label={t("contactRole")}
          value={values.role}
          onChange={(e) => setValues({ ...values, role: e.target.value })}
        />
        <TextField
          id="contact-email"
          type="email"
          label={t("contactEmail")}
          value={values.email}
          onChange={(e) => setValues({ ...values, email: e.target.value })}
          error={errors.fields.email}
        />
        <TextField
          id="contact-phone"
          type="tel"
          label={t("contactPhone")}
          value={values.phone}
          onChange={(e) => setValues({ ...values, phone: e.target.value })}
          error={errors.fields.phone}
        />
      </div>
      <Button type="submit" disabled={add.isPending}>
        {t("addContact")}
      </Button>
    </form>
  );
}

export function RemoveContactButton({
  workspaceSlug,
  contactId,
  name,
}: {
  workspaceSlug: string;
  contactId: string;
  name: string;
}) {
  const t = useTranslations("organisations");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.organisations.deleteContact.mutationOptions({ onSuccess: () => router.refresh() }));
  const errors = useMutationErrors(remove.error);
  return (
    <>
      <Button
        variant="danger"
        className="px-2 py-0.5"
        onClick={() => remove.mutate({ workspaceSlug, contactId })}
        disabled={remove.isPending}
      >
        {t("removeContact", { name })}
      </Button>
      <InlineFeedback error={errors.message} />
    </>
  );
}
