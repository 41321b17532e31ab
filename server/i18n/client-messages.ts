import clientKeys from "../../messages/client-keys.json";
import type { Locale } from "../../messages/locales";
import { MESSAGES } from "./translate";

const picked = new Map<Locale, Record<string, unknown>>();

/**
 * The messages every page gives the browser (the root layout's): only those the client
 * components of pages outside the scopes can ask for (messages/client-keys.json, kept up to date
 * by `npm run messages:client` and checked by a test), instead of the whole catalogue.
 */
export function clientMessages(locale: Locale): Record<string, unknown> {
  let messages = picked.get(locale);
  if (!messages) {
    messages = pickMessages(MESSAGES[locale] as Record<string, unknown>, clientKeys.keys);
    picked.set(locale, messages);
  }
  return messages;
}

const pickedScopes = new Map<string, Record<string, unknown>>();

/** What a scoped page adds for its own client components (`ScopedMessages`), beyond the root's. */
export function scopedMessages(locale: Locale, scope: string): Record<string, unknown> {
  const id = `${locale}|${scope}`;
  let messages = pickedScopes.get(id);
  if (!messages) {
    const keys = (clientKeys.scopes as Record<string, string[]>)[scope];
    if (!keys) throw new Error(`No messages scope named ${scope} (scripts/client-messages.ts, SCOPES).`);
    messages = pickMessages(MESSAGES[locale] as Record<string, unknown>, keys);
    pickedScopes.set(id, messages);
  }
  return messages;
}

/** The messages under the given key paths and prefixes, with the catalogue's structure. */
export function pickMessages(messages: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const parts = key.split(".");
    let from: unknown = messages;
    for (const part of parts)
      from = from && typeof from === "object" ? (from as Record<string, unknown>)[part] : undefined;
    if (from === undefined) continue;
    let into = out;
    for (const part of parts.slice(0, -1)) into = (into[part] ??= {}) as Record<string, unknown>;
    into[parts[parts.length - 1]!] = from;
  }
  return out;
}
