"use client";

import { TRPCClientError } from "@trpc/client";
import { useTranslations } from "next-intl";

/** The translated message and per-field messages of a failed mutation, for forms. */
export function useMutationErrors(error: unknown): { message?: string; fields: Record<string, string> } {
  const t = useTranslations("errors");
  if (!error) return { fields: {} };
  if (error instanceof TRPCClientError) {
    const data = error.data as { fieldErrors?: Record<string, string> } | undefined;
    return { message: error.message, fields: data?.fieldErrors ?? {} };
  }
  return { message: t("network"), fields: {} };
}
