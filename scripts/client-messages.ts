import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Which messages the browser needs: the keys that components calling `useTranslations` (client
 * components, and the few shared ones) can ask for, found by reading their source, instead of
 * the whole catalogue.
 *
 * For each translator (`const t = useTranslations("ns")` or `useTranslations()`), every call
 * `t("key")`, `t.rich("key")`, `t.has("key")`, `messageOr(t, "key", …)` gives a key, and a template
 * `t(\`a.b.${x}\`)` or a `labelOf(t, "a.b", x)` the prefix `a.b`. A call whose key is not written
 * in the source (`t(variable)`) cannot be read: it is listed in `unreadable`, and its translator's
 * whole namespace is sent (the root translator's unreadable calls must be listed in DYNAMIC).
 *
 * Where: the root layout sends what the client components of every page outside SCOPES can ask
 * for, following each page's imports; a page of SCOPES sends what its own components need beyond
 * that. The server translates its refusals itself, so `errors` is not sent whole any more: the
 * alliance form's validation messages travel with the form's pages.
 *
 *   npm run messages:client     rewrites messages/client-keys.json
 * A unit test fails when the file is out of date.
 */

/** Namespaces sent whole on every page, whatever the analysis finds. */
const WHOLE: string[] = [];
/**
 * What the root translator's unreadable calls of a file can ask for, read by a person: the
 * analysis refuses a file whose root calls it cannot read and that is not listed here.
 */
const DYNAMIC: Record<string, string[]> = {
  // option(prefix)/entry(prefix) build `${prefix}.${key}` for the taxonomy lists; issue.message is an error key.
  "components/alliances/alliance-form.tsx": ["alliance", "errors"],
};
const ROOTS = ["app", "components"];
export const CLIENT_KEYS_FILE = "messages/client-keys.json";

function sources(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) sources(full, into);
    else if (/\.(tsx|ts)$/.test(entry)) into.push(full);
  }
  return into;
}

export interface ClientKeys {
  /**
   * Key paths and prefixes the root layout sends, sorted: those of every client component a page
   * outside the scopes can render. A message is sent when its path is one of them or under one.
   */
  keys: string[];
  /**
   * Per scope (a page listed in SCOPES, which wraps what it renders in `ScopedMessages`), the keys
   * only its own client components need, beyond the root's.
   */
  scopes: Record<string, string[]>;
  /** Calls whose key could not be read, as "file: call". */
  unreadable: string[];
}

/**
 * Pages whose client components need many messages that no other page needs (forms, the
 * network, the import): they send those themselves, with `<ScopedMessages scope="…">` around what
 * they render, instead of every page of the app carrying them. The analysis follows each page's
 * imports, so a component it shares with another page stays in the root's keys.
 */
export const SCOPES: Record<string, string> = {
  alliance: "app/w/[workspaceSlug]/alliances/[allianceId]/page.tsx",
  allianceNew: "app/w/[workspaceSlug]/alliances/new/page.tsx",
  allianceImport: "app/w/[workspaceSlug]/alliances/import/page.tsx",
  network: "app/w/[workspaceSlug]/reseau/page.tsx",
  territoryNetwork: "app/w/[workspaceSlug]/territory/reseau/page.tsx",
  maturity: "app/w/[workspaceSlug]/maturite/page.tsx",
  settings: "app/w/[workspaceSlug]/settings/page.tsx",
  signIn: "app/signin/page.tsx",
  allianceEdit: "app/w/[workspaceSlug]/alliances/[allianceId]/edit/page.tsx",
  importReview: "app/w/[workspaceSlug]/alliances/import/[importId]/page.tsx",
  operatorTools: "app/operator/outils/page.tsx",
  operator: "app/operator/page.tsx",
  operatorJobs: "app/operator/travaux/page.tsx",
  account: "app/compte/page.tsx",
  evaluationCycle: "app/w/[workspaceSlug]/alliances/[allianceId]/evaluations/[cycleId]/page.tsx",
  sdgReport: "app/w/[workspaceSlug]/reports/sdg/page.tsx",
  organisation: "app/w/[workspaceSlug]/organisations/[organisationId]/page.tsx",
  members: "app/w/[workspaceSlug]/members/page.tsx",
  allianceInvitation: "app/alliance-invitations/[token]/page.tsx",
  invitation: "app/invitations/[token]/page.tsx",
  workspaces: "app/workspaces/page.tsx",
  workspaceTools: "app/w/[workspaceSlug]/outils/page.tsx",
  workspaceTool: "app/w/[workspaceSlug]/outils/[slug]/page.tsx",
};

/** The files of the app that Next.js renders by their name: where the import walk starts. */
const ENTRY = /^app\/(?:.*\/)?(?:page|layout|template|error|global-error|not-found|loading|default)\.tsx$/;

/** The files a source file imports (static and dynamic), among `known`. */
function importsOf(file: string, text: string, known: Set<string>): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)"([^"]+)"/g)) {
    const spec = m[1]!;
    let base: string;
    if (spec.startsWith("@/")) base = spec.slice(2);
    else if (spec.startsWith(".")) base = path.posix.join(path.posix.dirname(file), spec);
    else continue;
    for (const candidate of [base, `${base}.tsx`, `${base}.ts`, `${base}/index.tsx`, `${base}/index.ts`])
      if (known.has(candidate)) {
        out.push(candidate);
        break;
      }
  }
  return out;
}

export function analyseClientKeys(root = process.cwd()): ClientKeys {
  const unreadable: string[] = [];
  const keysOf = new Map<string, Set<string>>();
  const texts = new Map<string, string>();
  for (const base of ROOTS) {
    for (const file of sources(path.join(root, base)).sort()) {
      const text = readFileSync(file, "utf8");
      const relative = path.relative(root, file).split(path.sep).join("/");
      texts.set(relative, text);
      const keys = new Set<string>();
      keysOf.set(relative, keys);
      for (const declaration of text.matchAll(/const\s+(\w+)\s*=\s*useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) {
        const name = declaration[1]!;
        const namespace = declaration[2] ?? "";
        const full = (key: string) => (namespace ? `${namespace}.${key}` : key);
        // labelOf(t, "a.b", key) (messages/labels.ts) reads a.b.<key>.
        for (const label of text.matchAll(new RegExp(`labelOf\\(\\s*${name}\\s*,\\s*"([^"]+)"`, "g")))
          keys.add(full(label[1]!));
        // Calls of the translator, and messageOr(t, key, …) (messages/labels.ts), which asks it for `key`.
        const calls = new RegExp(
          `(?:(?<![\\w.])${name}(?:\\.rich|\\.has|\\.markup)?\\(|messageOr\\(\\s*${name}\\s*,)\\s*([^,)]*)`,
          "g",
        );
        for (const call of text.matchAll(calls)) {
          const argument = call[1]!.trim();
          const literal = /^"([^"]+)"$/.exec(argument) ?? /^`([^`$]+)`$/.exec(argument);
          if (literal) {
            keys.add(full(literal[1]!));
            continue;
          }
          // A choice between written keys: cond ? "a" : "b".
          const choices = [...argument.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
          if (choices.length > 0 && argument.replace(/"[^"]*"/g, "").match(/^[^`"]*$/) && /\?/.test(argument)) {
            for (const choice of choices) keys.add(full(choice));
            continue;
          }
          const template = /^`([^`$]*)\$\{/.exec(argument);
          if (template) {
            const prefix = template[1]!.replace(/\.?[^.]*$/, "");
            if (prefix || namespace) {
              keys.add(prefix ? full(prefix) : namespace);
              continue;
            }
          }
          unreadable.push(`${relative}: ${name}(${argument})`);
          if (namespace) keys.add(namespace);
          else if (DYNAMIC[relative]) for (const key of DYNAMIC[relative]) keys.add(key);
          else
            throw new Error(
              `${relative}: ${name}(${argument}) asks the root translator for a key the analysis cannot read; list what it can ask for in DYNAMIC (scripts/client-messages.ts).`,
            );
        }
      }
    }
  }

  // Which files each entry reaches through its imports.
  const known = new Set(texts.keys());
  const edges = new Map([...texts].map(([file, text]) => [file, importsOf(file, text, known)]));
  const reach = (from: string) => {
    const seen = new Set<string>([from]);
    const stack = [from];
    while (stack.length)
      for (const next of edges.get(stack.pop()!) ?? [])
        if (!seen.has(next)) {
          seen.add(next);
          stack.push(next);
        }
    return seen;
  };
  const keysFrom = (files: Iterable<string>) => {
    const out = new Set<string>();
    for (const file of files) for (const key of keysOf.get(file) ?? []) out.add(key);
    return out;
  };
  const scoped = new Set(Object.values(SCOPES));
  for (const file of scoped) if (!known.has(file)) throw new Error(`SCOPES names ${file}, which does not exist.`);
  const entries = [...known].filter((f) => ENTRY.test(f));
  const rootKeys = new Set<string>(WHOLE);
  for (const entry of entries) if (!scoped.has(entry)) for (const key of keysFrom(reach(entry))) rootKeys.add(key);

  // Keys the catalogue does not have (a translator's calls read with another's namespace) are
  // dropped, and a key under another one adds nothing.
  const catalogue = JSON.parse(readFileSync(path.join(root, "messages/fr.json"), "utf8")) as Record<string, unknown>;
  const exists = (key: string) =>
    key
      .split(".")
      .reduce<unknown>(
        (node, part) => (node && typeof node === "object" ? (node as Record<string, unknown>)[part] : undefined),
        catalogue,
      ) !== undefined;
  const reduce = (keys: Iterable<string>, covered: string[] = []) => {
    const sorted = [...keys].filter(exists).sort();
    const under = (k: string, others: string[]) => others.some((o) => o !== k && k.startsWith(`${o}.`));
    return sorted.filter((k) => !under(k, sorted) && !covered.includes(k) && !under(k, covered));
  };
  const keys = reduce(rootKeys);
  const scopes = Object.fromEntries(
    Object.entries(SCOPES).map(([name, file]) => [name, reduce(keysFrom(reach(file)), keys)]),
  );
  return { keys, scopes, unreadable: unreadable.sort() };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = analyseClientKeys();
  writeFileSync(CLIENT_KEYS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `${CLIENT_KEYS_FILE}: ${result.keys.length} keys and prefixes for every page, ${Object.keys(result.scopes).length} scopes; ${result.unreadable.length} calls read as their whole namespace.`,
  );
}
