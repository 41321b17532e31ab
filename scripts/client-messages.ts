import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Which messages the browser needs: the keys that components calling `useTranslations` (client
 * components, and the few shared ones) can ask for, found by reading their source. The root
 * layout sends the client only these (messages/client-keys.json) instead of the whole catalogue.
 *
 * For each translator (`const t = useTranslations("ns")` or `useTranslations()`), every call
 * `t("key")`, `t.rich("key")`, `t.has("key")` gives a key, and a template `t(\`a.b.${x}\`)` or a
 * `labelOf(t, "a.b", x)` the prefix `a.b`. A call whose key is not written in the source (`t(variable)`) cannot be read:
 * it is listed in `unreadable`, and its translator's whole namespace is sent (the root
 * translator's unreadable calls must be listed in WHOLE below). `errors` goes whole: the
 * server's error keys are translated in the browser.
 *
 *   npm run messages:client     rewrites messages/client-keys.json
 * A unit test fails when the file is out of date.
 */

/** Namespaces sent whole, whatever the analysis finds. */
const WHOLE = ["errors"];
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
  /** Key paths and prefixes, sorted; a message is sent when its path is one of them or under one. */
  keys: string[];
  /** Calls whose key could not be read, as "file: call". */
  unreadable: string[];
}

export function analyseClientKeys(root = process.cwd()): ClientKeys {
  const keys = new Set<string>(WHOLE);
  const unreadable: string[] = [];
  for (const base of ROOTS) {
    for (const file of sources(path.join(root, base)).sort()) {
      const text = readFileSync(file, "utf8");
      const relative = path.relative(root, file).split(path.sep).join("/");
      for (const declaration of text.matchAll(/const\s+(\w+)\s*=\s*useTranslations\(\s*(?:"([^"]*)")?\s*\)/g)) {
        const name = declaration[1]!;
        const namespace = declaration[2] ?? "";
        const full = (key: string) => (namespace ? `${namespace}.${key}` : key);
        // labelOf(t, "a.b", key) (messages/labels.ts) reads a.b.<key>.
        for (const label of text.matchAll(new RegExp(`labelOf\\(\\s*${name}\\s*,\\s*"([^"]+)"`, "g")))
          keys.add(full(label[1]!));
        const calls = new RegExp(`(?<![\\w.])${name}(?:\\.rich|\\.has|\\.markup)?\\(\\s*([^,)]*)`, "g");
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
  const sorted = [...keys].filter(exists).sort();
  return {
    keys: sorted.filter((k) => !sorted.some((other) => other !== k && k.startsWith(`${other}.`))),
    unreadable: unreadable.sort(),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = analyseClientKeys();
  writeFileSync(CLIENT_KEYS_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(
    `${CLIENT_KEYS_FILE}: ${result.keys.length} keys and prefixes; ${result.unreadable.length} calls read as their whole namespace.`,
  );
}
