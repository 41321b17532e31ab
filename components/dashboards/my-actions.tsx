import Link from "next/link";
import type { ReactNode } from "react";
import { getLocale } from "next-intl/server";
import { getTranslations } from "@/server/i18n/server-translations";
import { formatDate } from "@/domain/dates";
import type { RouterOutputs } from "@/server/trpc/types";

type Actions = RouterOutputs["dashboards"]["myActions"];

/**
 * "Mes actions": what waits for the workspace, each line a link to where it is done. Kinds with
 * nothing waiting are left out; when nothing waits at all, one sentence says so.
 */
export async function MyActions({ workspaceSlug, actions }: { workspaceSlug: string; actions: Actions }) {
  const t = await getTranslations("dashboard.actions");
  const tr = await getTranslations();
  const locale = await getLocale();
  const base = `/w/${workspaceSlug}/alliances`;
  const day = (iso: string) => formatDate(iso, locale, { day: "numeric", month: "short", year: "numeric" });
  const group = <T,>(
    key: string,
    list: { total: number; items: T[] },
    line: (item: T) => ReactNode,
    more: string | null = null,
  ) => ({
    key,
    total: list.total,
    lines: list.items.map(line),
    more,
  });
  const groups = [
    group("cycles", actions.cycles, (c) => (
      <>
        <Link href={`${base}/${c.allianceId}/evaluations/${c.cycleId}`}>
          {t("cycleLine", { title: c.title, period: c.period })}
        </Link>{" "}
        <span className={c.overdue ? "font-medium text-red-800" : ""}>
          · {c.overdue ? t("overdueSince", { date: day(c.dueOn) }) : t("dueOn", { date: day(c.dueOn) })}
        </span>
      </>
    )),
    group(
      "invitations",
      actions.invitations,
      (i) => (
        <Link href={`${base}#co-ownership-inbox`}>
          {t("invitationLine", { title: i.title, inviter: i.invitedBy ?? "—" })}
        </Link>
      ),
      `${base}#co-ownership-inbox`,
    ),
    group(
      "mentions",
      actions.mentions,
      (m) => (
        <Link href={`${base}#mention-requests`}>
          {t("mentionLine", { title: m.title, declarer: m.declaredBy ?? "—" })}
        </Link>
      ),
      `${base}#mention-requests`,
    ),
    group("audience", actions.audience, (a) => (
      <Link href={`${base}/${a.allianceId}?section=partage`}>
        {t("audienceLine", { title: a.title, audience: tr(`audience.levels.${a.audience}`) })}
      </Link>
    )),
    group("ending", actions.ending, (e) => (
      <Link href={`${base}/${e.allianceId}`}>{t("endingLine", { title: e.title, date: day(e.endsOn) })}</Link>
    )),
    group(
      "atRisk",
      actions.atRisk,
      (a) => (
        <>
          <Link href={`${base}/${a.allianceId}`}>{a.title}</Link> ·{" "}
          {a.reasons.map((r) => tr(`risk.reasons.${r}`)).join(" ; ")}
        </>
      ),
      `${base}/at-risk`,
    ),
  ].filter((g) => g.total > 0);
  return (
    <section
      aria-labelledby="my-actions-title"
      className="space-y-3 rounded-md border border-slate-300 bg-white p-4"
      data-testid="my-actions"
    >
      <h2 id="my-actions-title" className="text-xl font-semibold">
        {t("title")}
      </h2>
      {actions.total === 0 ? (
        <p>{t("none")}</p>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {groups.map((g) => (
            <div key={g.key} className="space-y-1" data-testid={`my-actions-${g.key}`}>
              <h3 className="font-semibold">{t(`kinds.${g.key as "cycles"}`, { count: g.total })}</h3>
              <ul className="space-y-1 text-sm">
                {g.lines.map((line, index) => (
                  <li key={index}>{line}</li>
                ))}
              </ul>
              {g.total > g.lines.length ? (
                <p className="text-sm">
                  {g.more ? (
                    <Link href={g.more}>{t("more", { count: g.total - g.lines.length })}</Link>
                  ) : (
                    t("moreCount", { count: g.total - g.lines.length })
                  )}
                </p>
              ) : null}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
