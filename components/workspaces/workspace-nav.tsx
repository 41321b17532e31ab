import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";
import { can, type Role } from "@/domain/roles";
import { NavLink } from "./nav-link";

/** The workspace's name, its sections (as the role allows) and a switcher to the user's other workspaces. */
export async function WorkspaceNav({
  workspace,
  workspaces,
  unread,
  coordinating,
}: {
  workspace: { slug: string; name: string; myRole: Role };
  workspaces: Array<{ slug: string; name: string }>;
  /** Notifications this member has not seen yet. */
  unread: number;
  /** The workspace coordinates at least one territory (approved). */
  coordinating: boolean;
}) {
  const t = await getTranslations("workspaces");
  const base = `/w/${workspace.slug}`;
  const links = [
    { href: base, label: t("overview"), show: true },
    { href: `${base}/alliances`, label: t("alliances"), show: can(workspace.myRole, "alliances.read") },
    { href: `${base}/organisations`, label: t("organisations"), show: can(workspace.myRole, "organisations.read") },
    { href: `${base}/reports/sdg`, label: t("sdgReport"), show: can(workspace.myRole, "alliances.read") },
    { href: `${base}/reseau`, label: t("network"), show: can(workspace.myRole, "alliances.read") },
    { href: `${base}/outils`, label: t("tools"), show: can(workspace.myRole, "alliances.read") },
    { href: `${base}/maturite`, label: t("maturity"), show: can(workspace.myRole, "alliances.read") },
    { href: `${base}/territory`, label: t("territory"), show: coordinating && can(workspace.myRole, "alliances.read") },
    {
      href: `${base}/notifications`,
      label: unread > 0 ? t("notificationsUnread", { count: unread }) : t("notifications"),
      show: can(workspace.myRole, "alliances.read"),
    },
    { href: `${base}/members`, label: t("members"), show: can(workspace.myRole, "members.read") },
    { href: `${base}/audit`, label: t("audit"), show: can(workspace.myRole, "audit.read") },
    { href: `${base}/settings`, label: t("settings"), show: can(workspace.myRole, "workspace.update") },
  ].filter((l) => l.show);
  const others = workspaces.filter((w) => w.slug !== workspace.slug);
  return (
    <div className="space-y-3 border-b border-slate-300 pb-3 print:hidden">
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <p className="text-sm text-slate-700">
          {t.rich("switchTo", {
            name: workspace.name,
            b: (chunks) => (
              <span className="font-semibold text-slate-900" data-testid="current-workspace">
                {chunks}
              </span>
            ),
          })}
        </p>
        {others.length > 0 ? (
          <details className="relative text-sm">
            <summary className="cursor-pointer text-blue-800 underline">{t("switcher")}</summary>
            <ul className="absolute right-0 z-10 mt-1 min-w-56 rounded-md border border-slate-300 bg-white p-2 shadow">
              {others.map((w) => (
                <li key={w.slug}>
                  <Link href={`/w/${w.slug}`} className="block rounded px-2 py-1 hover:bg-slate-100">
                    {w.name}
                  </Link>
                </li>
              ))}
              <li className="mt-1 border-t border-slate-200 pt-1">
                <Link href="/workspaces" className="block rounded px-2 py-1 hover:bg-slate-100">
                  {t("title")}
                </Link>
              </li>
            </ul>
          </details>
        ) : (
          <Link href="/workspaces" className="text-sm">
            {t("title")}
          </Link>
        )}
      </div>
      <nav aria-label={workspace.name}>
        <ul className="flex flex-wrap gap-2">
          {links.map((l) => (
            <li key={l.href}>
              <NavLink href={l.href} exact={l.href === base}>
                {l.label}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </div>
  );
}
