import { getLocale } from "next-intl/server";
import type { ReactNode } from "react";
import type { Locale } from "@/messages/locales";
import { scopedMessages } from "@/server/i18n/client-messages";
import { MergeMessages } from "./merge-messages";

/**
 * Around what a page listed in SCOPES (scripts/client-messages.ts) renders: the messages only
 * its client components need, so that the other pages do not carry them.
 */
export async function ScopedMessages({ scope, children }: { scope: string; children: ReactNode }) {
  const messages = scopedMessages((await getLocale()) as Locale, scope);
  return <MergeMessages messages={messages}>{children}</MergeMessages>;
}
