import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { featureHref, PRINTABLE_KINDS } from "@/domain/toolbox";
import { DescriptionList } from "@/components/ui/description-list";
import { labelOf } from "@/messages/labels";
import type { RouterOutputs } from "@/server/trpc/types";
import { PrintButton } from "./print-button";

type Tool = NonNullable<RouterOutputs["tools"]["get"]>;

/** One tool's page: what it is for, its content (ready to print when it is a checklist or a template), its links. */
export async function ToolView({
  tool,
  backHref,
  fileHref,
  workspaceSlug,
}: {
  tool: Tool;
  backHref: string;
  fileHref: string;
  workspaceSlug?: string;
}) {
  const t = await getTranslations();
  const printable = PRINTABLE_KINDS.includes(tool.kind);
  return (
    <article className="space-y-6" data-testid="tool-view">
      <p className="print:hidden">
        <Link href={backHref}>← {t("tools.back")}</Link>
      </p>
      <header className="space-y-2">
        <p className="text-sm text-slate-700">
          {labelOf(t, "alliance.entryDoors", tool.door)} · {labelOf(t, "tools.purposes", tool.purpose)} ·{" "}
          {labelOf(t, "tools.kinds", tool.kind)}
          {tool.private ? <> · {t("tools.private")}</> : null}
        </p>
        <h1 className="text-2xl font-bold">{tool.title}</h1>
        <p className="max-w-3xl text-lg text-slate-800">{tool.summary}</p>
        {tool.languages.length === 1 && tool.language !== undefined ? (
          <p className="text-sm text-slate-700" lang={tool.language}>
            {t("tools.writtenIn", { language: labelOf(t, "tools.languages", tool.language) })}
          </p>
        ) : null}
      </header>
      <DescriptionList
        items={[
          ...(tool.helps ? [{ term: t("tools.helps"), detail: tool.helps }] : []),
          {
            term: t("tools.forWhom"),
            detail: tool.audiences.length
              ? tool.audiences.map((a) => labelOf(t, "tools.audiences", a)).join(", ")
              : t("tools.everyone"),
          },
          {
            term: t("tools.stages"),
            detail: tool.stages.length
              ? tool.stages.map((s) => labelOf(t, "alliance.lifecycle", s)).join(", ")
              : t("tools.allStages"),
          },
        ]}
      />
      <div className="max-w-3xl space-y-3" lang={tool.language} data-testid="tool-content">
        {tool.blocks.map((block, i) =>
          block.kind === "heading" ? (
            <h2 key={i} className="pt-2 text-lg font-semibold">
              {block.text}
            </h2>
          ) : block.kind === "paragraph" ? (
            <p key={i}>{block.text}</p>
          ) : block.kind === "points" ? (
            <ul key={i} className="list-disc space-y-1 pl-6">
              {block.items.map((item, j) => (
                <li key={j}>{item}</li>
              ))}
            </ul>
          ) : (
            <ul key={i} className="space-y-2">
              {block.items.map((item, j) => (
                <li key={j} className="flex gap-3">
                  <span aria-hidden="true" className="mt-0.5 inline-block h-4 w-4 shrink-0 border border-slate-700" />
                  <span>{item}</span>
                </li>
              ))}
            </ul>
          ),
        )}
      </div>
      <div className="flex flex-wrap items-center gap-4 print:hidden">
        {tool.feature ? (
          <Link
            href={featureHref(tool.feature, { workspaceSlug })}
            className="btn btn-primary"
            data-testid="tool-feature-link"
          >
            {t("tools.openFeature")}
          </Link>
        ) : null}
        {tool.url ? (
          <a href={tool.url} rel="noopener noreferrer">
            {t("tools.openLink")}
          </a>
        ) : null}
        {printable ? (
          <>
            <PrintButton label={t("tools.print")} />
            <a href={fileHref} download>
              {t("tools.download")}
            </a>
          </>
        ) : null}
      </div>
    </article>
  );
}
