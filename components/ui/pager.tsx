import Link from "next/link";
import { getTranslations } from "@/server/i18n/server-translations";

/** Previous / "page X of Y" / next links under a paginated list; nothing when it fits on one page. */
export async function Pager({ page, pages, href }: { page: number; pages: number; href: (page: number) => string }) {
  if (pages <= 1) return null;
  const t = await getTranslations();
  return (
    <nav aria-label={t("alliances.pageOf", { page, pages })} className="flex items-center gap-4">
      {page > 1 ? <Link href={href(page - 1)}>{t("alliances.previous")}</Link> : null}
      <span>{t("alliances.pageOf", { page, pages })}</span>
      {page < pages ? <Link href={href(page + 1)}>{t("alliances.next")}</Link> : null}
    </nav>
  );
}
