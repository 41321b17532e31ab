import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { ENTRY_DOORS } from "@/domain/alliances";
import { TOOL_PURPOSES } from "@/domain/toolbox";
import { labelOf } from "@/messages/labels";
import type { RouterOutputs } from "@/server/trpc/types";

type Tool = RouterOutputs["tools"]["catalogue"][number];

/**
 * The catalogue laid out by entry door (a section each) and purpose (inform, train, act), each
 * tool a card linking to its page under `basePath`.
 */
export async function ToolCatalogue({ tools, basePath }: { tools: Tool[]; basePath: string }) {
  const t = await getTranslations();
  const doors = ENTRY_DOORS.filter((door) => tools.some((tool) => tool.door === door));
  if (doors.length === 0) return <p>{t("tools.none")}</p>;
  return (
    <div className="space-y-10" data-testid="tool-catalogue">
      {doors.map((door) => (
        <section key={door} aria-labelledby={`door-${door}`} className="space-y-4">
          <h2 id={`door-${door}`} className="text-xl font-semibold">
            {labelOf(t, "alliance.entryDoors", door)}
          </h2>
          <div className="grid gap-6 md:grid-cols-3">
            {TOOL_PURPOSES.map((purpose) => {
              const cell = tools.filter((tool) => tool.door === door && tool.purpose === purpose);
              if (cell.length === 0) return null;
              return (
                <div key={purpose} className="space-y-3">
                  <h3 className="text-base font-semibold text-slate-800">{labelOf(t, "tools.purposes", purpose)}</h3>
                  <ul className="space-y-3">
                    {cell.map((tool) => (
                      <li
                        key={tool.id}
                        className="rounded-md border border-slate-300 bg-white p-3"
                        data-testid="tool-card"
                      >
                        <Link href={`${basePath}/${tool.slug}`} className="font-medium">
                          {tool.title}
                        </Link>
                        <p className="mt-1 text-xs text-slate-700">
                          {labelOf(t, "tools.kinds", tool.kind)}
                          {tool.private ? <> · {t("tools.private")}</> : null}
                        </p>
                        <p className="mt-1 text-sm text-slate-800">{tool.summary}</p>
                      </li>
                    ))}
                  </ul>
                </div>
              );
            })}
          </div>
        </section>
      ))}
    </div>
  );
}
