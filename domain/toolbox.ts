import { ENTRY_DOORS, type EntryDoor, LIFECYCLE_STAGES, type LifecycleStage } from "./alliances";
import { normalizeForSearch } from "./territory";

/*
 * The toolbox: tools to inform, train and act, arranged by the four entry doors to alliances.
 * A tool is a practical sheet, a checklist, a template, a self-assessment, a guide, or a
 * feature of Maillage itself (which then links into the product).
 */

/** What a tool is for ("s'informer, se former, agir"). */
export const TOOL_PURPOSES = ["informer", "former", "agir"] as const;
export type ToolPurpose = (typeof TOOL_PURPOSES)[number];

export const TOOL_KINDS = ["fiche", "checklist", "modele", "autodiagnostic", "guide", "fonctionnalite"] as const;
export type ToolKind = (typeof TOOL_KINDS)[number];

/** The kinds of organisation a tool is written for. */
export const TOOL_AUDIENCES = ["association", "entreprise", "collectivite"] as const;
export type ToolAudience = (typeof TOOL_AUDIENCES)[number];

export const TOOL_LANGUAGES = ["fr", "en"] as const;
export type ToolLanguage = (typeof TOOL_LANGUAGES)[number];

/** The features of Maillage a tool can open. */
export const TOOL_FEATURES = ["evaluation", "ledger", "share", "library", "sdg_report", "territory"] as const;
export type ToolFeature = (typeof TOOL_FEATURES)[number];

/** Tools whose content is worth printing or saving as a file. */
export const PRINTABLE_KINDS: readonly ToolKind[] = ["checklist", "modele", "autodiagnostic"];

export const TOOL_SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A tool's text in one language. Body lines: "# " a heading, "- " a point, "[ ] " a box to tick, else a paragraph. */
export interface ToolText {
  title: string;
  summary: string;
  helps: string;
  body: string[];
}

export type BodyBlock =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "points"; items: string[] }
  | { kind: "checks"; items: string[] };

/** The words a tool is found by: its titles, summaries and purposes in every language it has. */
export function toolSearchText(content: Partial<Record<string, ToolText>>): string {
  return normalizeForSearch(
    Object.values(content)
      .flatMap((c) => (c ? [c.title, c.summary, c.helps] : []))
      .join(" "),
  );
}

/** A tool's body lines as blocks to render: consecutive points or boxes make one list. */
export function bodyBlocks(lines: readonly string[]): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const last = blocks[blocks.length - 1];
    if (line.startsWith("# ")) blocks.push({ kind: "heading", text: line.slice(2).trim() });
    else if (line.startsWith("- ")) {
      if (last?.kind === "points") last.items.push(line.slice(2).trim());
      else blocks.push({ kind: "points", items: [line.slice(2).trim()] });
    } else if (line.startsWith("[ ] ")) {
      if (last?.kind === "checks") last.items.push(line.slice(4).trim());
      else blocks.push({ kind: "checks", items: [line.slice(4).trim()] });
    } else blocks.push({ kind: "paragraph", text: line });
  }
  return blocks;
}

/** What the toolbox knows of an alliance to suggest tools for its current step. */
export interface ToolContext {
  stage: LifecycleStage;
  entryDoors: readonly string[];
  /** The kinds of the parties' organisations (association, entreprise, collectivite…). */
  partyKinds: readonly string[];
}

export interface Suggestible {
  door: EntryDoor;
  stages: readonly string[];
  audiences: readonly string[];
  position: number;
}

/**
 * How well a tool fits an alliance's step: it must serve the alliance's stage (a tool without
 * stages serves every one); an entry door of the alliance weighs most, then a kind of
 * organisation among its parties. Zero means "do not suggest".
 */
export function suggestionScore(tool: Suggestible, context: ToolContext): number {
  if (tool.stages.length > 0 && !tool.stages.includes(context.stage)) return 0;
  let score = 1;
  if (context.entryDoors.includes(tool.door)) score += 4;
  const kinds = new Set(context.partyKinds.map(audienceOf));
  if (tool.audiences.length === 0 || tool.audiences.some((a) => kinds.has(a))) score += 2;
  if (tool.stages.length > 0) score += 1;
  return score;
}

/** The toolbox audience an organisation kind belongs to (foundations read the associations' tools). */
export function audienceOf(kind: string): string {
  if (kind === "fondation") return "association";
  if (kind === "etablissement_public") return "collectivite";
  return kind;
}

/** The best tools for an alliance's step, best first, at most `limit`. */
export function suggestTools<T extends Suggestible>(tools: readonly T[], context: ToolContext, limit = 4): T[] {
  return tools
    .map((tool) => ({ tool, score: suggestionScore(tool, context) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.tool.position - b.tool.position)
    .slice(0, limit)
    .map((s) => s.tool);
}

export { ENTRY_DOORS, LIFECYCLE_STAGES };

/** A tool's text in the reader's language, or in the other one when it has only that (with which). */
export function toolText(
  content: Partial<Record<ToolLanguage, ToolText>>,
  locale: ToolLanguage,
): { text: ToolText; language: ToolLanguage } {
  const own = content[locale];
  if (own) return { text: own, language: locale };
  const other = TOOL_LANGUAGES.find((l) => content[l])!;
  return { text: content[other]!, language: other };
}

/** Where a tool that is a feature of Maillage leads, from a workspace and an alliance when known. */
export function featureHref(feature: ToolFeature, where: { workspaceSlug?: string; allianceId?: string } = {}): string {
  const { workspaceSlug: ws, allianceId } = where;
  const alliance = (section: string) =>
    ws && allianceId ? `/w/${ws}/alliances/${allianceId}?section=${section}` : ws ? `/w/${ws}/alliances` : "/signin";
  switch (feature) {
    case "evaluation":
      return alliance("evaluation");
    case "ledger":
      return alliance("contributions");
    case "share":
      return alliance("partage");
    case "library":
      return "/bibliotheque";
    case "sdg_report":
      return ws ? `/w/${ws}/reports/sdg` : "/signin";
    case "territory":
      return ws ? `/w/${ws}/territory` : "/signin";
  }
}
