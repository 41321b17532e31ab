import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { MyActions } from "@/components/dashboards/my-actions";
import { WorkspaceDashboard } from "@/components/dashboards/workspace-dashboard";
import { can } from "@/domain/roles";
import { DashboardFilters } from "@/server/services/dashboards/schemas";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";

type Params = { params: Promise<{ workspaceSlug: string }> };
type Props = Params & { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { workspaceSlug } = await params;
  const workspace = await readOrNotFound(async () => readWorkspace(workspaceSlug));
  return { title: workspace.name };
}

export default async function WorkspaceHomePage({ params, searchParams }: Props) {
  const { workspaceSlug } = await params;
  const t = await getTranslations();
  const caller = await serverCaller();
  const workspace = await readOrNotFound(async () => readWorkspace(workspaceSlug));
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;
  const filters = DashboardFilters.parse({
    year: first(raw.year),
    mode: first(raw.mode),
    sdgGoal: first(raw.sdgGoal),
    region: first(raw.region),
    departement: first(raw.departement),
    stage: first(raw.stage),
  });
  const readable = can(workspace.myRole, "alliances.read");
  // The dashboard and "my actions" in one call (one transaction).
  const home = readable ? await caller.dashboards.home({ workspaceSlug, ...filters }) : null;
  const dashboard = home?.dashboard ?? null;
  const actions = home?.actions ?? null;
  const identifiers = [
    workspace.siren ? `SIREN ${workspace.siren}` : null,
    workspace.rna ? `RNA ${workspace.rna}` : null,
  ].filter(Boolean);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-bold">{workspace.name}</h1>
      {actions ? <MyActions workspaceSlug={workspaceSlug} actions={actions} /> : null}
      <dl className="grid max-w-xl grid-cols-[max-content_1fr] gap-x-6 gap-y-2">
        <dt className="font-medium">{t("workspaces.kind")}</dt>
        <dd>{t(`workspaceKinds.${workspace.kind}`)}</dd>
        <dt className="font-medium">{t("workspaces.identifiers")}</dt>
        <dd>{identifiers.length ? identifiers.join(" · ") : t("workspaces.noIdentifier")}</dd>
        <dt className="font-medium">{t("workspaces.members")}</dt>
        <dd>{t("workspaces.memberCount", { count: workspace.memberCount })}</dd>
        <dt className="font-medium">{t("members.role")}</dt>
        <dd data-testid="my-role">{t(`roles.${workspace.myRole}`)}</dd>
      </dl>
      <p className="max-w-2xl text-slate-800">{t("workspaces.overviewRegistry")}</p>
      <p>
        <Link href={`/w/${workspaceSlug}/alliances`}>{t("workspaces.openRegistry")}</Link>
      </p>
      {dashboard ? <WorkspaceDashboard workspaceSlug={workspaceSlug} data={dashboard} /> : null}
    </div>
  );
}
