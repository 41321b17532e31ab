"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { InlineFeedback } from "@/components/ui/inline-feedback";
import { Notice } from "@/components/ui/notice";
import { ALLIANCE_COLUMNS } from "@/domain/exchange";
import { ORGANISATION_KINDS } from "@/domain/identifiers";
import { messageOr } from "@/messages/labels";

type Decision = { organisationId: string } | { create: (typeof ORGANISATION_KINDS)[number] };

const control =
  "mt-1 block w-full rounded-md border border-slate-500 bg-white px-2 py-1.5 text-slate-900 focus:outline focus:outline-3 focus:outline-offset-1 focus:outline-blue-700";

/**
 * The steps after upload: map the file's columns to fields, run the dry run, settle partners
 * that need a choice, then import, with a progress bar while the import runs in the background.
 */
export function ImportReview({ workspaceSlug, importId }: { workspaceSlug: string; importId: string }) {
  const t = useTranslations("import");
  const upload = useImport(workspaceSlug, importId);
  if (upload.isPending) return <p role="status">{t("review.loading")}</p>;
  if (upload.isError || !upload.data)
    return <Notice tone="error">{upload.error?.message ?? t("review.loading")}</Notice>;
  return (
    <Review
      workspaceSlug={workspaceSlug}
      importId={importId}
      data={upload.data}
      refetch={() => void upload.refetch()}
    />
  );
}

type ImportData = NonNullable<ReturnType<typeof useImport>["data"]>;

function useImport(workspaceSlug: string, importId: string) {
  const trpc = useTRPC();
  return useQuery({
    ...trpc.imports.get.queryOptions({ workspaceSlug, id: importId }),
    refetchInterval: (q) => (q.state.data && ["queued", "running"].includes(q.state.data.status) ? 1000 : false),
  });
}

function Review({
  workspaceSlug,
  importId,
  data,
  refetch,
}: {
  workspaceSlug: string;
  importId: string;
  data: ImportData;
  refetch: () => void;
}) {
  const t = useTranslations("import");
  const tk = useTranslations("alliance.organisationKinds");
  const trpc = useTRPC();
  const [mapping, setMapping] = useState<Array<string | null>>(data.mapping);
  const [decisions, setDecisions] = useState<Record<string, Decision>>(data.decisions as Record<string, Decision>);
  const [stale, setStale] = useState(false);
  const preview = useMutation(trpc.imports.preview.mutationOptions({ onSuccess: () => setStale(false) }));
  const start = useMutation(trpc.imports.start.mutationOptions({ onSuccess: refetch }));
  const errors = useMutationErrors(preview.error ?? start.error);
  const current = mapping;
  const running = data.status === "queued" || data.status === "running";
  const runPreview = (next: { mapping?: Array<string | null>; decisions?: Record<string, Decision> } = {}) =>
    preview.mutate({
      workspaceSlug,
      id: importId,
      mapping: next.mapping ?? current,
      decisions: next.decisions ?? decisions,
    });
  const decide = (key: string, decision: Decision) => {
    const next = { ...decisions, [key]: decision };
    setDecisions(next);
    runPreview({ decisions: next });
  };
  const result = preview.data;

  if (data.status === "done") {
    const r = data.result ?? {};
    return (
      <div className="space-y-4">
        <Notice tone="success" testId="import-done">
          {t("done.summary", {
            created: r.created ?? 0,
            updated: r.updated ?? 0,
            unchanged: r.unchanged ?? 0,
            organisations: r.organisationsCreated ?? 0,
          })}
        </Notice>
        <Link href={`/w/${workspaceSlug}/alliances`} className="font-medium">
          {t("done.toList")}
        </Link>
      </div>
    );
  }

  return (
    <div className="space-y-6">
      <p>{t("review.file", { name: data.fileName, rows: data.rowCount })}</p>

      {running ? (
        <section aria-labelledby="progress-title" className="space-y-2 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="progress-title" className="text-lg font-semibold">
            {t("progress.title")}
          </h2>
          <div
            role="progressbar"
            aria-labelledby="progress-title"
            aria-valuemin={0}
            aria-valuemax={data.progress?.total || data.rowCount}
            aria-valuenow={data.progress?.done ?? 0}
            className="h-4 w-full overflow-hidden rounded bg-slate-200"
          >
            <div
              className="h-full bg-blue-700 transition-all"
              style={{
                width: `${Math.round(((data.progress?.done ?? 0) / Math.max(1, data.progress?.total || data.rowCount)) * 100)}%`,
              }}
            />
          </div>
          <p role="status">
            {t("progress.rows", { done: data.progress?.done ?? 0, total: data.progress?.total || data.rowCount })}
          </p>
        </section>
      ) : null}

      {data.status === "failed" || data.status === "interrupted" ? (
        <Notice tone="error" testId="import-failed">
          {data.status === "failed" ? t("failed", { reason: data.error ?? "" }) : t("interrupted")}
        </Notice>
      ) : null}

      {!running ? (
        <section aria-labelledby="mapping-title" className="space-y-3 rounded-md border border-slate-300 bg-white p-4">
          <h2 id="mapping-title" className="text-lg font-semibold">
            {t("mapping.title")}
          </h2>
          <p className="text-sm text-slate-700">{t("mapping.help")}</p>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead>
                <tr className="border-b border-slate-300">
                  <th scope="col" className="py-2 pr-4">
                    {t("mapping.column")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("mapping.sample")}
                  </th>
                  <th scope="col" className="py-2 pr-4">
                    {t("mapping.field")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.headers.map((header, i) => (
                  <tr key={i} className="border-b border-slate-200 align-top">
                    <th scope="row" className="py-2 pr-4 font-medium">
                      {header || t("mapping.unnamed", { n: i + 1 })}
                    </th>
                    <td className="max-w-xs truncate py-2 pr-4 text-slate-700">
                      {data.sample
                        .slice(0, 2)
                        .map((r) => r[i])
                        .filter(Boolean)
                        .join(" · ")}
                    </td>
                    <td className="py-2 pr-4">
                      <label htmlFor={`map-${i}`} className="sr-only">
                        {t("mapping.fieldFor", { column: header || String(i + 1) })}
                      </label>
                      <select
                        id={`map-${i}`}
                        className={control}
                        value={current[i] ?? ""}
                        onChange={(e) => {
                          const next = [...current];
                          next[i] = e.target.value || null;
                          setMapping(next);
                          setStale(true);
                        }}
                      >
                        <option value="">{t("mapping.ignore")}</option>
                        {ALLIANCE_COLUMNS.map((c) => (
                          <option key={c.key} value={c.key}>
                            {t(`fields.${c.key}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Button type="button" onClick={() => runPreview()} disabled={preview.isPending}>
            {preview.isPending ? t("dryRun.running") : t("dryRun.run")}
          </Button>
          <InlineFeedback error={errors.message} />
        </section>
      ) : null}

      {result && !running ? (
        <section
          aria-labelledby="dry-run-title"
          className="space-y-4 rounded-md border border-slate-300 bg-white p-4"
          data-testid="dry-run"
        >
          <h2 id="dry-run-title" className="text-lg font-semibold">
            {t("dryRun.title")}
          </h2>
          {stale ? <Notice>{t("dryRun.stale")}</Notice> : null}
          <ul className="list-disc pl-6" data-testid="dry-run-counts">
            <li>{t("dryRun.create", { count: result.counts.create })}</li>
            <li>{t("dryRun.update", { count: result.counts.update })}</li>
            <li>{t("dryRun.unchanged", { count: result.counts.unchanged })}</li>
            <li>{t("dryRun.organisationsNew", { count: result.counts.organisationsNew })}</li>
            <li>{t("dryRun.organisationsExisting", { count: result.counts.organisationsExisting })}</li>
            {result.counts.invalid ? (
              <li className="font-medium text-red-800">{t("dryRun.invalid", { count: result.counts.invalid })}</li>
            ) : null}
          </ul>
          {result.mappingErrors.map((m) => (
            <Notice key={m} tone="error">
              {m}
            </Notice>
          ))}

          {result.partners.some((p) => p.status === "confirm" || (p.status === "matched" && decisions[p.key])) ? (
            <fieldset className="space-y-3">
              <legend className="font-semibold">{t("partners.confirmTitle")}</legend>
              <p className="text-sm text-slate-700">{t("partners.confirmHelp")}</p>
              {result.partners
                .filter(
                  (p) =>
                    p.status === "confirm" ||
                    (p.status === "matched" && decisions[p.key] && "organisationId" in decisions[p.key]!),
                )
                .map((p) => (
                  <fieldset key={p.key} className="rounded-md border border-slate-300 p-3" data-testid="partner-choice">
                    <legend className="px-1 text-sm font-medium">
                      {t("partners.inFile", { name: p.text, lines: p.lines.slice(0, 5).join(", ") })}
                    </legend>
                    {[
                      ...(p.matched && !p.candidates.some((c) => c.id === p.matched!.id) ? [p.matched] : []),
                      ...p.candidates,
                    ].map((c) => (
                      <label key={c.id} className="flex items-start gap-2 py-1 text-sm">
                        <input
                          type="radio"
                          name={`partner-${p.key}`}
                          checked={
                            decisions[p.key] !== undefined &&
                            "organisationId" in decisions[p.key]! &&
                            (decisions[p.key] as { organisationId: string }).organisationId === c.id
                          }
                          onChange={() => decide(p.key, { organisationId: c.id })}
                        />
                        <span>
                          {t("partners.useExisting", { name: c.name })}
                          <span className="text-slate-700">
                            {" "}
                            (
                            {[
                              messageOr(tk, c.kind, c.kind),
                              c.siren ? `SIREN ${c.siren}` : c.rna ? `RNA ${c.rna}` : null,
                              c.place,
                            ]
                              .filter(Boolean)
                              .join(", ")}
                            )
                          </span>
                        </span>
                      </label>
                    ))}
                    <label className="flex items-start gap-2 py-1 text-sm">
                      <input
                        type="radio"
                        name={`partner-${p.key}`}
                        checked={decisions[p.key] !== undefined && "create" in decisions[p.key]!}
                        onChange={() => decide(p.key, { create: p.kind })}
                      />
                      <span>{t("partners.createNew", { name: p.name || p.text })}</span>
                    </label>
                  </fieldset>
                ))}
            </fieldset>
          ) : null}

          {result.partners.some((p) => p.status === "new") ? (
            <details className="rounded-md border border-slate-300 p-3">
              <summary className="cursor-pointer font-medium">
                {t("partners.newTitle", { count: result.partners.filter((p) => p.status === "new").length })}
              </summary>
              <p className="mt-2 text-sm text-slate-700">{t("partners.newHelp")}</p>
              <ul className="mt-2 space-y-2">
                {result.partners
                  .filter((p) => p.status === "new")
                  .map((p) => (
                    <li key={p.key} className="grid items-end gap-2 sm:grid-cols-2">
                      <span className="text-sm">{p.name || p.text}</span>
                      <div>
                        <label htmlFor={`kind-${p.key}`} className="sr-only">
                          {t("partners.kindOf", { name: p.name || p.text })}
                        </label>
                        <select
                          id={`kind-${p.key}`}
                          className={control}
                          value={p.kind}
                          onChange={(e) => {
                            const kind = ORGANISATION_KINDS.find((k) => k === e.target.value);
                            if (kind) decide(p.key, { create: kind });
                          }}
                        >
                          {ORGANISATION_KINDS.map((k) => (
                            <option key={k} value={k}>
                              {tk(k)}
                            </option>
                          ))}
                        </select>
                      </div>
                    </li>
                  ))}
              </ul>
            </details>
          ) : null}

          {result.errors.length ? (
            <div className="space-y-2">
              <h3 className="font-semibold">{t("problems.title", { count: result.errorCount })}</h3>
              <div className="max-h-96 overflow-auto">
                <table className="w-full text-left text-sm" data-testid="import-errors">
                  <thead>
                    <tr className="border-b border-slate-300">
                      <th scope="col" className="py-1 pr-3">
                        {t("problems.line")}
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        {t("problems.column")}
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        {t("problems.message")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {result.errors.map((e, i) => (
                      <tr key={i} className="border-b border-slate-200 align-top">
                        <td className="py-1 pr-3">{e.line}</td>
                        <td className="py-1 pr-3">{e.column ?? "—"}</td>
                        <td className="py-1 pr-3">{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="text-sm text-slate-700">{t("problems.fix")}</p>
            </div>
          ) : null}

          {result.ready && !stale ? (
            <Button
              type="button"
              onClick={() => start.mutate({ workspaceSlug, id: importId })}
              disabled={start.isPending}
            >
              {t("start", { count: result.counts.create + result.counts.update })}
            </Button>
          ) : (
            <p className="text-sm font-medium text-slate-900">{t("notReady")}</p>
          )}
        </section>
      ) : null}
    </div>
  );
}
