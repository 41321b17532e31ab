"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useMemo, useState } from "react";
import { useTRPC } from "@/components/providers/trpc";
import { MODES } from "@/domain/alliances";
import type { NetworkFilters } from "@/server/services/network/schemas";
import type { RouterOutputs } from "@/server/trpc/types";
import { labelOf } from "@/messages/labels";
import { KIND_COLOURS, MODE_COLOURS, NetworkGraph, NO_MODE_COLOUR } from "./network-graph";

const PAGE = 50;

type NetworkData = RouterOutputs["network"]["workspace"] & { unnamed?: number };

type Source = { kind: "workspace" } | { kind: "territory"; level: "region" | "departement"; code: string };

// The graph's library is fetched as soon as this code loads in the browser, while the data
// streams in, not once the page runs (it draws with WebGL, so it is not loaded on the server).
if (typeof window !== "undefined") {
  void import("graphology");
  void import("sigma");
  void import("graphology-layout-forceatlas2/worker");
}

/** Networks the page's server render already asked for, once used: a later read asks the API. */
const used = new WeakSet<Promise<unknown>>();

/**
 * The network view: the graph, a search that centres it on an organisation, the legends, what
 * the network shows (hubs, bridges, lone alliances, kinds), and the same nodes and links as two
 * tables for keyboard and screen-reader users. Data comes from one procedure call.
 */
export function NetworkView({
  workspaceSlug,
  source,
  filters,
  initial,
}: {
  workspaceSlug: string;
  source: Source;
  filters: NetworkFilters;
  /**
   * The workspace's network, asked by the page's server render as it began (null if that failed):
   * it streams in while the browser loads the page's code, instead of being asked once it ran.
   */
  initial?: Promise<NetworkData | null>;
}) {
  const t = useTranslations("network");
  const tAll = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const router = useRouter();
  const workspaceOptions = trpc.network.workspace.queryOptions(
    source.kind === "workspace" ? { workspaceSlug, ...filters } : skipToken,
  );
  const ask = workspaceOptions.queryFn;
  const workspaceQuery = useQuery({
    ...workspaceOptions,
    queryFn:
      typeof ask === "function" && initial
        ? async (context) => {
            if (!used.has(initial)) {
              used.add(initial);
              const streamed = await initial;
              performance.mark("network-data-streamed");
              if (streamed) return streamed;
            }
            return ask(context);
          }
        : ask,
  });
  const territoryQuery = useQuery(
    trpc.network.territory.queryOptions(
      source.kind === "territory" ? { workspaceSlug, level: source.level, code: source.code, ...filters } : skipToken,
    ),
  );
  const query = source.kind === "workspace" ? workspaceQuery : territoryQuery;
  // Values come apart, after the graph: contributions are most of the reading.
  const valuesQuery = useQuery(
    // Asked once the graph's data came: batched with it, the graph would wait for the values.
    trpc.network.values.queryOptions(
      source.kind === "workspace" && workspaceQuery.data ? { workspaceSlug, ...filters } : skipToken,
    ),
  );
  const [search, setSearch] = useState("");
  const [highlight, setHighlight] = useState<number | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [shownOrganisations, setShownOrganisations] = useState(PAGE);
  const [shownAlliances, setShownAlliances] = useState(PAGE);
  const network: NetworkData | undefined = query.data;
  const names = useMemo(
    () =>
      network?.organisations.map(
        (o) => o.name ?? t("anonymous", { kind: labelOf(tAll, "alliance.organisationKinds", o.kind) }),
      ) ?? [],
    [network, t, tAll],
  );
  const values = useMemo(() => {
    if (!network || !valuesQuery.data) return null;
    const byId = new Map(valuesQuery.data);
    const alliances = network.alliances.map((a) => byId.get(a.id) ?? 0);
    const organisations = network.organisations.map(() => 0);
    network.alliances.forEach((a, i) => a.parties.forEach((p) => (organisations[p]! += alliances[i]!)));
    return { alliances, organisations };
  }, [network, valuesQuery.data]);
  const organisationOrder = useMemo(
    () =>
      network
        ? network.organisations
            .map((_, i) => i)
            .sort((a, b) => network.organisations[b]!.alliances - network.organisations[a]!.alliances)
        : [],
    [network],
  );

  if (query.isPending) return <p role="status">{t("loading")}</p>;
  if (query.isError || !network) return <p role="alert">{query.error?.message}</p>;
  if (network.alliances.length === 0) return <p role="status">{t("empty")}</p>;

  const base = `/w/${workspaceSlug}`;
  const inWorkspace = source.kind === "workspace";
  const organisationHref = (i: number) => {
    const id = network.organisations[i]!.id;
    return inWorkspace && id ? `${base}/organisations/${id}` : null;
  };
  const allianceHref = (i: number) => (inWorkspace ? `${base}/alliances/${network.alliances[i]!.id}` : null);
  const euros = (cents: number) =>
    format.number(cents / 100, { style: "currency", currency: "EUR", maximumFractionDigits: 0 });
  const needle = search.trim().toLowerCase();
  const matchingOrganisations = organisationOrder.filter((i) => !needle || names[i]!.toLowerCase().includes(needle));
  const matchingAlliances = network.alliances
    .map((a, i) => ({ a, i }))
    .filter(
      ({ a }) =>
        !needle ||
        a.title.toLowerCase().includes(needle) ||
        a.parties.some((p) => names[p]!.toLowerCase().includes(needle)),
    );

  const find = (event: FormEvent) => {
    event.preventDefault();
    const index = needle ? names.findIndex((n) => n.toLowerCase().includes(needle)) : -1;
    setNotFound(needle !== "" && index < 0);
    setHighlight(index < 0 ? null : index);
  };

  return (
    <div className="space-y-6">
      <p role="status" className="text-sm text-slate-800" data-testid="network-counts">
        {t("counts", { organisations: network.organisations.length, alliances: network.alliances.length })}
        {network.unnamed !== undefined ? ` · ${t("unnamed", { count: network.unnamed })}` : ""}
      </p>
      <form onSubmit={find} className="flex flex-wrap items-end gap-3" role="search" aria-label={t("search")}>
        <div>
          <label htmlFor="network-search" className="block text-sm font-medium">
            {t("search")}
          </label>
          <input
            id="network-search"
            list="network-names"
            value={search}
            onChange={(e) => {
              setSearch(e.target.value);
              setShownOrganisations(PAGE);
              setShownAlliances(PAGE);
            }}
            aria-describedby="network-search-help"
            className="mt-1 block w-72 rounded-md border border-slate-500 px-3 py-2 focus:outline focus:outline-3 focus:outline-blue-700"
          />
          <datalist id="network-names">
            {matchingOrganisations.slice(0, 30).map((i) => (
              <option key={i} value={names[i]} />
            ))}
          </datalist>
        </div>
        <button type="submit" className="btn btn-primary">
          {t("searchButton")}
        </button>
        <p id="network-search-help" className="w-full text-xs text-slate-700">
          {t("searchHelp")} {t("keys")}
        </p>
        {notFound ? (
          <p role="alert" className="w-full text-sm text-red-800">
            {t("notFound")}
          </p>
        ) : null}
      </form>

      <NetworkGraph
        network={network}
        label={t("graphLabel", { organisations: network.organisations.length, alliances: network.alliances.length })}
        highlight={highlight}
        values={values?.alliances ?? null}
        nodeLabel={(i) => names[i]!}
        onNode={(i) => {
          const href = organisationHref(i);
          if (href) router.push(href);
          else setHighlight(i);
        }}
        onLink={(i) => {
          const href = allianceHref(i);
          if (href) router.push(href);
        }}
        layoutLabels={{ running: t("layoutRunning"), stopped: t("layoutStopped"), unavailable: t("noWebgl") }}
      />

      <div className="grid gap-4 text-sm md:grid-cols-2">
        <div>
          <h2 className="font-semibold">{t("legendModes")}</h2>
          <ul className="mt-1 space-y-1">
            {[...MODES, null].map((mode) => (
              <li key={mode ?? "none"} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-1.5 w-6 rounded"
                  style={{ backgroundColor: mode ? MODE_COLOURS[mode] : NO_MODE_COLOUR }}
                />
                {mode ? labelOf(tAll, "alliance.modes", mode) : t("noMode")}
              </li>
            ))}
          </ul>
        </div>
        <div>
          <h2 className="font-semibold">{t("legendKinds")}</h2>
          <ul className="mt-1 space-y-1">
            {Object.entries(network.summary.kinds).map(([kind, count]) => (
              <li key={kind} className="flex items-center gap-2">
                <span
                  aria-hidden="true"
                  className="inline-block h-3 w-3 rounded-full"
                  style={{ backgroundColor: KIND_COLOURS[kind] ?? KIND_COLOURS.autre }}
                />
                {labelOf(tAll, "alliance.organisationKinds", kind)} ({count})
              </li>
            ))}
          </ul>
        </div>
      </div>

      <section aria-labelledby="network-summary" className="space-y-3" data-testid="network-summary">
        <h2 id="network-summary" className="text-xl font-semibold">
          {t("summary")}
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <div>
            <h3 className="font-semibold">{t("hubs")}</h3>
            <p className="text-xs text-slate-700">{t("hubsHelp")}</p>
            <ol className="mt-1 list-decimal pl-5 text-sm">
              {network.summary.hubs.map((h) => (
                <li key={h.index}>
                  <button type="button" className="text-left underline" onClick={() => setHighlight(h.index)}>
                    {names[h.index]}
                  </button>{" "}
                  · {t("alliancesOf", { count: h.alliances })}
                </li>
              ))}
            </ol>
          </div>
          <div>
            <h3 className="font-semibold">{t("bridges")}</h3>
            <p className="text-xs text-slate-700">{t("bridgesHelp")}</p>
            <ol className="mt-1 list-decimal pl-5 text-sm">
              {network.summary.bridges.map((b) => (
                <li key={b.index}>
                  <button type="button" className="text-left underline" onClick={() => setHighlight(b.index)}>
                    {names[b.index]}
                  </button>{" "}
                  · {t("partnersOf", { count: b.partners })}
                </li>
              ))}
            </ol>
          </div>
          <div>
            <h3 className="font-semibold">{t("standalone")}</h3>
            <p className="text-sm">{t("standaloneHelp", { count: network.summary.standalone.length })}</p>
          </div>
        </div>
      </section>

      <section aria-labelledby="network-tables" className="space-y-4">
        <h2 id="network-tables" className="text-xl font-semibold">
          {t("tables")}
        </h2>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm" data-testid="network-organisations">
            <caption className="mb-1 text-left font-semibold">
              {t("organisationsTable")} (
              {t("shown", {
                shown: Math.min(shownOrganisations, matchingOrganisations.length),
                total: matchingOrganisations.length,
              })}
              )
            </caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-1 pr-4">
                  {t("name")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("kind")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("alliances")}
                </th>
                {inWorkspace ? (
                  <th scope="col" className="py-1 pr-4">
                    {t("value")}
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {matchingOrganisations.slice(0, shownOrganisations).map((i) => {
                const o = network.organisations[i]!;
                const href = organisationHref(i);
                return (
                  <tr key={i} className="border-b border-slate-200">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {href ? <Link href={href}>{names[i]}</Link> : names[i]}
                    </th>
                    <td className="py-1 pr-4">{labelOf(tAll, "alliance.organisationKinds", o.kind)}</td>
                    <td className="py-1 pr-4 tabular-nums">{o.alliances}</td>
                    {inWorkspace ? (
                      <td className="py-1 pr-4 tabular-nums">{values ? euros(values.organisations[i]!) : "…"}</td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shownOrganisations < matchingOrganisations.length ? (
            <button
              type="button"
              className="mt-2 text-sm underline"
              onClick={() => setShownOrganisations((n) => n + PAGE)}
            >
              {t("more", { count: Math.min(PAGE, matchingOrganisations.length - shownOrganisations) })}
            </button>
          ) : null}
        </div>
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-left text-sm" data-testid="network-alliances">
            <caption className="mb-1 text-left font-semibold">
              {t("alliancesTable")} (
              {t("shown", {
                shown: Math.min(shownAlliances, matchingAlliances.length),
                total: matchingAlliances.length,
              })}
              )
            </caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-1 pr-4">
                  {t("allianceTitle")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("partners")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("mode")}
                </th>
                <th scope="col" className="py-1 pr-4">
                  {t("year")}
                </th>
              </tr>
            </thead>
            <tbody>
              {matchingAlliances.slice(0, shownAlliances).map(({ a, i }) => {
                const href = allianceHref(i);
                return (
                  <tr key={a.id} className="border-b border-slate-200">
                    <th scope="row" className="py-1 pr-4 font-normal">
                      {href ? <Link href={href}>{a.title}</Link> : a.title}
                    </th>
                    <td className="py-1 pr-4">{a.parties.map((p) => names[p]).join(", ")}</td>
                    <td className="py-1 pr-4">{a.mode ? labelOf(tAll, "alliance.modes", a.mode) : "—"}</td>
                    <td className="py-1 pr-4 tabular-nums">{a.year ?? "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {shownAlliances < matchingAlliances.length ? (
            <button type="button" className="mt-2 text-sm underline" onClick={() => setShownAlliances((n) => n + PAGE)}>
              {t("more", { count: Math.min(PAGE, matchingAlliances.length - shownAlliances) })}
            </button>
          ) : null}
        </div>
      </section>
    </div>
  );
}
