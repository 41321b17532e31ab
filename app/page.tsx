import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { PublicAllianceCard } from "@/components/library/alliance-card";
import { currentUser, serverCaller } from "@/server/trpc/server-caller";

export const dynamic = "force-dynamic";

/** How many published alliances the home page shows. */
const SHOWN = 3;

/**
 * The home page of someone not signed in: what Maillage is, for whom, what it changes, and the
 * latest alliances their parties chose to publish, with the way in. Signed-in people go to
 * their workspaces.
 */
export default async function HomePage() {
  if (await currentUser()) redirect("/workspaces");
  const t = await getTranslations();
  const library = await (await serverCaller()).library.list({});
  const latest = library.items.slice(0, SHOWN);
  const places = allianceFormOptions(latest.flatMap((a) => a.places.map((p) => p.code))).placeLabels;
  const audiences = ["associations", "companies", "authorities"] as const;
  const promises = ["record", "share", "evaluate", "report"] as const;
  return (
    <div className="space-y-12">
      <section aria-labelledby="home-title" className="space-y-4 rounded-lg bg-blue-50 p-8">
        <h1 id="home-title" className="text-3xl font-bold">
          {t("home.title")}
        </h1>
        <p className="max-w-3xl text-xl text-slate-900">{t("app.tagline")}</p>
        <p className="max-w-3xl text-slate-800">{t("home.pitch")}</p>
        <div className="flex flex-wrap gap-3">
          <Link
            href="/signin"
            className="rounded-md bg-blue-700 px-5 py-3 font-medium text-white no-underline hover:bg-blue-800"
          >
            {t("home.try")}
          </Link>
          <Link
            href="/bibliotheque"
            className="rounded-md border border-blue-800 bg-white px-5 py-3 font-medium text-blue-900 no-underline hover:bg-blue-100"
          >
            {t("home.browseLibrary")}
          </Link>
          <Link
            href="/observatoire"
            className="rounded-md border border-blue-800 bg-white px-5 py-3 font-medium text-blue-900 no-underline hover:bg-blue-100"
          >
            {t("home.observatory")}
          </Link>
        </div>
      </section>

      <section aria-labelledby="for-whom" className="space-y-4">
        <h2 id="for-whom" className="text-2xl font-semibold">
          {t("home.forWhom")}
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {audiences.map((a) => (
            <li key={a} className="space-y-2 rounded-md border border-slate-300 bg-white p-5">
              <h3 className="text-lg font-semibold">{t(`home.audiences.${a}.title`)}</h3>
              <p className="text-slate-800">{t(`home.audiences.${a}.text`)}</p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="what-changes" className="space-y-4">
        <h2 id="what-changes" className="text-2xl font-semibold">
          {t("home.whatChanges")}
        </h2>
        <ul className="grid gap-4 md:grid-cols-2">
          {promises.map((p) => (
            <li key={p} className="space-y-1 border-l-4 border-blue-700 pl-4">
              <h3 className="font-semibold">{t(`home.promises.${p}.title`)}</h3>
              <p className="text-slate-800">{t(`home.promises.${p}.text`)}</p>
            </li>
          ))}
        </ul>
        <p className="max-w-3xl text-sm text-slate-800">{t("home.trust")}</p>
      </section>

      <section aria-labelledby="latest-examples" className="space-y-4" data-testid="home-library">
        <h2 id="latest-examples" className="text-2xl font-semibold">
          {t("home.latest")}
        </h2>
        {latest.length === 0 ? (
          <p>{t("home.noExample")}</p>
        ) : (
          <>
            <p className="text-slate-800">{t("home.latestIntro", { count: library.total })}</p>
            <div className="space-y-4">
              {latest.map((a) => (
                <PublicAllianceCard key={a.id} alliance={a} placeLabels={places} heading="h3" />
              ))}
            </div>
          </>
        )}
        <p>
          <Link href="/bibliotheque" className="font-medium">
            {t("home.allExamples")}
          </Link>
        </p>
      </section>
    </div>
  );
}
