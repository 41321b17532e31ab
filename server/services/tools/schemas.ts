import { z } from "zod";
import { ENTRY_DOORS, LIFECYCLE_STAGES } from "../../../domain/alliances";
import {
  TOOL_AUDIENCES,
  TOOL_FEATURES,
  TOOL_KINDS,
  TOOL_LANGUAGES,
  TOOL_PURPOSES,
  TOOL_SLUG_PATTERN,
} from "../../../domain/toolbox";
import { LOCALES } from "../../../messages/locales";

/** The toolbox's filters, as the page's query string gives them (an unknown value is dropped). */
export const ToolFilters = z.object({
  door: z.enum(ENTRY_DOORS).optional().catch(undefined),
  purpose: z.enum(TOOL_PURPOSES).optional().catch(undefined),
  audience: z.enum(TOOL_AUDIENCES).optional().catch(undefined),
  stage: z.enum(LIFECYCLE_STAGES).optional().catch(undefined),
  language: z.enum(TOOL_LANGUAGES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  /** The language to show titles and texts in (the other one when the tool lacks it). */
  locale: z.enum(LOCALES).optional(),
});
export type ToolFilters = z.infer<typeof ToolFilters>;

/** The toolbox's filters from a page's search params (the first value of each; unknown ones dropped). */
export function toolFiltersFromSearchParams(raw: Record<string, string | string[] | undefined>): ToolFilters {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  return ToolFilters.parse({
    door: first(raw.door),
    purpose: first(raw.purpose),
    audience: first(raw.audience),
    stage: first(raw.stage),
    language: first(raw.language),
    q: first(raw.q),
  });
}

export const ToolSlugInput = z.object({
  slug: z.string().trim().max(100),
  locale: z.enum(LOCALES).optional(),
});

const ToolTextInput = z.object({
  title: z.string().trim().min(3, { message: "errors.tools.title" }).max(160, { message: "errors.tools.title" }),
  summary: z.string().trim().min(3, { message: "errors.tools.summary" }).max(400, { message: "errors.tools.summary" }),
  helps: z.string().trim().max(400, { message: "errors.tools.helps" }).default(""),
  /** One line per paragraph; "# " a heading, "- " a point, "[ ] " a box to tick. */
  body: z
    .string()
    .max(20_000, { message: "errors.tools.body" })
    .default("")
    .transform((text) =>
      text
        .split(/\r?\n/)
        .map((line) => line.trimEnd())
        .filter((line) => line.trim()),
    ),
});

const optionalUrl = z
  .string()
  .trim()
  .max(500)
  .transform((v) => v || null)
  .pipe(z.url({ protocol: /^https?$/, message: "errors.tools.url" }).nullable())
  .nullish();

/** A tool as its form sends it: new (no id) or edited (id and the version it was read at). */
export const SaveToolInput = z
  .object({
    id: z.uuid().optional(),
    version: z.number().int().min(1).optional(),
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .min(3, { message: "errors.tools.slug" })
      .max(80, { message: "errors.tools.slug" })
      .regex(TOOL_SLUG_PATTERN, { message: "errors.tools.slug" }),
    door: z.enum(ENTRY_DOORS),
    purpose: z.enum(TOOL_PURPOSES),
    kind: z.enum(TOOL_KINDS),
    audiences: z.array(z.enum(TOOL_AUDIENCES)).max(3).default([]),
    stages: z.array(z.enum(LIFECYCLE_STAGES)).max(6).default([]),
    feature: z.enum(TOOL_FEATURES).nullish(),
    url: optionalUrl,
    position: z.number().int().min(0).max(1_000_000).default(0),
    fr: ToolTextInput.optional(),
    en: ToolTextInput.optional(),
  })
  .refine((t) => t.fr || t.en, { message: "errors.tools.language", path: ["fr"] })
  .refine((t) => !t.id || t.version, { message: "errors.tools.version", path: ["version"] });
export type SaveToolInput = z.infer<typeof SaveToolInput>;

export const ToolIdInput = z.object({ id: z.uuid() });

export const RetireToolInput = z.object({ id: z.uuid(), retired: z.boolean(), version: z.number().int().min(1) });
