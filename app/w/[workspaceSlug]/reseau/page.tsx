import type { Metadata } from "next";
import { getTranslations } from "@/server/i18n/server-translations";
import { NetworkFilterBar } from "@/components/network/network-filters";
import { NetworkView } from "@/components/network/network-view";
import { NetworkFilters } from "@/server/services/network/schemas";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Props = {
  params: Promise<{ workspaceSlug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("network"))("title") };
}

/** The workspace's organisations and alliances as a network; the graph and its tables load in the browser. */
export default async function NetworkPage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const filters = NetworkFilters.parse(await searchParams);
  // Membership is checked here, so a stranger gets the 404 page rather than an empty graph.
  const caller = await serverCaller();
  await readOrNotFound(() => readWorkspace(workspaceSlug));
  // The graph's data is asked now and streamed to the browser when ready, while its code loads
  // (asked by the browser, it would wait for the page to run). A failure is asked again there.
  const initial = caller.network.workspace({ workspaceSlug, ...filters }).catch(() => null);
  const t = await getTranslations("network");
  return (
    <ScopedMessages scope="network">
      <div className="space-y-6">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="max-w-3xl text-slate-800">{t("intro")}</p>
        <NetworkFilterBar filters={filters} resetHref={`/w/${workspaceSlug}/reseau`} />
        <NetworkView workspaceSlug={workspaceSlug} source={{ kind: "workspace" }} filters={filters} initial={initial} />
      </div>
    </ScopedMessages>
  );
}
