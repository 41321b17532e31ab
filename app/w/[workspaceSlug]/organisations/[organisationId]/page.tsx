import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { z } from "zod";
import { ContactForm, RemoveContactButton } from "@/components/organisations/contacts";
import { NotesForm } from "@/components/organisations/notes-form";
import { can } from "@/domain/roles";
import { territory } from "@/domain/territory-data";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { DescriptionList } from "@/components/ui/description-list";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = { params: Promise<{ workspaceSlug: string; organisationId: string }> };

async function load({ params }: Params) {
  const { workspaceSlug, organisationId } = await params;
  if (!z.uuid().safeParse(organisationId).success) notFound();
  const caller = await serverCaller();
  const workspace = await readOrNotFound(() => readWorkspace(workspaceSlug));
  const organisation = await readOrNotFound(() => caller.organisations.get({ workspaceSlug, id: organisationId }));
  return { workspaceSlug, workspace, organisation };
}

export async function generateMetadata(props: Params): Promise<Metadata> {
  return { title: (await load(props)).organisation.name };
}

export default async function OrganisationPage(props: Params) {
  const { workspaceSlug, workspace, organisation } = await load(props);
  const t = await getTranslations();
  const canWrite = can(workspace.myRole, "organisations.write");
  const commune = organisation.communeCode ? territory().communes.get(organisation.communeCode) : undefined;
  const identifiers = [
    organisation.siren && `SIREN ${organisation.siren}`,
    organisation.siret && `SIRET ${organisation.siret}`,
    organisation.rna && `RNA ${organisation.rna}`,
  ].filter(Boolean);
  return (
    <ScopedMessages scope="organisation">
      <article className="space-y-8">
        <header className="space-y-2">
          <p className="text-sm">
            <Link href={`/w/${workspaceSlug}/organisations`}>{t("organisations.title")}</Link>
          </p>
          <h1 className="text-2xl font-bold">{organisation.name}</h1>
        </header>
        <section aria-labelledby="identity-title" className="space-y-2">
          <h2 id="identity-title" className="text-xl font-semibold">
            {t("organisations.identity")}
          </h2>
          <DescriptionList
            className="max-w-2xl"
            items={[
              { term: t("organisations.kind"), detail: t(`alliance.organisationKinds.${organisation.kind}`) },
              {
                term: t("organisations.identifiers"),
                detail: identifiers.length ? identifiers.join(" · ") : t("organisations.none"),
              },
              ...(commune
                ? [{ term: t("alliances.scopeLevels.commune"), detail: `${commune.name} (${commune.departement})` }]
                : []),
              ...(organisation.website
                ? [
                    {
                      term: t("organisations.website"),
                      detail: (
                        <a href={organisation.website} rel="noopener noreferrer">
                          {organisation.website}
                        </a>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </section>
        <section aria-labelledby="shared-title" className="space-y-2">
          <h2 id="shared-title" className="text-xl font-semibold">
            {t("organisations.sharedAlliances")}
          </h2>
          {organisation.alliances.length === 0 ? (
            <p>{t("organisations.none")}</p>
          ) : (
            <ul className="space-y-1">
              {organisation.alliances.map((a) => (
                <li key={a.id}>
                  <Link href={`/w/${workspaceSlug}/alliances/${a.id}`}>{a.title}</Link> ·{" "}
                  {t(`alliance.lifecycle.${a.stage}`)}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section aria-labelledby="private-title" className="space-y-4">
          <h2 id="private-title" className="text-xl font-semibold">
            {t("organisations.private")}
          </h2>
          {canWrite ? (
            <NotesForm
              workspaceSlug={workspaceSlug}
              organisationId={organisation.id}
              notes={organisation.notes}
              tags={organisation.tags}
              version={organisation.notesVersion}
            />
          ) : (
            <div className="space-y-1">
              <p className="whitespace-pre-line">{organisation.notes ?? t("organisations.none")}</p>
              <p>{organisation.tags.join(", ")}</p>
            </div>
          )}
          <h3 className="text-lg font-semibold">{t("organisations.contacts")}</h3>
          {organisation.contacts.length === 0 ? (
            <p>{t("organisations.noContacts")}</p>
          ) : (
            <ul className="space-y-2" data-testid="contacts">
              {organisation.contacts.map((c) => (
                <li
                  key={c.id}
                  className="flex flex-wrap items-center gap-3 rounded-md border border-slate-200 bg-white p-2 text-sm"
                >
                  <span className="font-medium">{c.name}</span>
                  {c.role ? <span>{c.role}</span> : null}
                  {c.email ? <a href={`mailto:${c.email}`}>{c.email}</a> : null}
                  {c.phone ? <a href={`tel:${c.phone.replace(/\s/g, "")}`}>{c.phone}</a> : null}
                  {canWrite ? (
                    <RemoveContactButton workspaceSlug={workspaceSlug} contactId={c.id} name={c.name} />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {canWrite ? <ContactForm workspaceSlug={workspaceSlug} organisationId={organisation.id} /> : null}
        </section>
      </article>
    </ScopedMessages>
  );
}
