"use client";
import { NextIntlClientProvider, useLocale, useMessages } from "next-intl";
import { type ReactNode, useMemo } from "react";
import { mergeMessages } from "@/messages/merge";

/**
 * Gives the components below the root layout's messages and a page's own (`ScopedMessages`). A
 * nested provider replaces its parent's messages rather than adding to them, hence the merge;
 * the rest of the configuration (time zone, error handling) comes from the parent.
 */
export function MergeMessages({ messages, children }: { messages: Record<string, unknown>; children: ReactNode }) {
  const parent = useMessages();
  const locale = useLocale();
  const merged = useMemo(() => mergeMessages(parent as Record<string, unknown>, messages), [parent, messages]);
  return (
    <NextIntlClientProvider locale={locale} messages={merged}>
      {children}
    </NextIntlClientProvider>
  );
}
