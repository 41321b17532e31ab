"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";

interface MutationErrors {
  message?: string;
  fields: Record<string, string>;
  /** The first message about a field or any of its items ("tags" covers "tags.2"). */
  under: (prefix: string) => string | undefined;
}

function shape(message: string | undefined, fields: Record<string, string>): MutationErrors {
  return {
    message,
    fields,
    under: (prefix) => Object.entries(fields).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1],
  };
}

/** The translated message and per-field messages of a failed mutation, for forms. */
export function useMutationErrors(error: unknown): MutationErrors {
  const t = useTranslations("errors");
  if (!error) return shape(undefined, {});
  // A client error with no data never reached the app (the network failed): say so in words.
  if (error instanceof TRPCClientError && error.data) {
    const data = error.data as { fieldErrors?: Record<string, string> } | undefined;
    return shape(error.message, data?.fieldErrors ?? {});
  }
  return shape(t("network"), {});
}
