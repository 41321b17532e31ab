import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "@/server/i18n/server-translations";
import { allianceFormOptions } from "@/components/alliances/form-options";
import { ProviderSignIn } from "@/components/auth/provider-sign-in";
import { QuestionnaireEditor } from "@/components/evaluation/questionnaire-editor";
import { GuideWordingForm } from "@/components/guide/guide-wording-form";
import { ApiTokens } from "@/components/settings/api-tokens";
import { DeleteWorkspace } from "@/components/settings/danger-zone";
import { Webhooks } from "@/components/settings/webhooks";
import { TerritorySettings } from "@/components/territories/territory-settings";
import { VerificationSettings } from "@/components/verification/verification-settings";
import { WorkspaceSettingsForm } from "@/components/workspaces/workspace-settings-form";
import { can } from "@/domain/roles";
import { env } from "@/env";
import { readOrNotFound, serverCaller, readWorkspace } from "@/server/trpc/server-caller";
import { messageOr } from "@/messages/labels";
import { ScopedMessages } from "@/components/providers/scoped-messages";

type Params = { params: Promise<{ workspaceSlug: string }> };

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("workspaces"))("settingsTitle") };
}

export default async function SettingsPage({ params }: Params) {
  const { workspaceSlug } = await params;
  const t = await getTranslations("workspaces");
  const caller = await serverCaller();
  const workspace = await readOrNotFound(async () => readWorkspace(workspaceSlug));
  if (!can(workspace.myRole, "workspace.update")) notFound();
  const questionnaire = await caller.evaluation.questionnaire({ workspaceSlug });
  const guideWording = await caller.guide.wording({ workspaceSlug });
  const tgu = await getTranslations("guide");
  const coordinations = await caller.territories.coordinations({ workspaceSlug });
  const verification = await caller.workspaces.verification({ workspaceSlug });
  const tv = await getTranslations("verification");
  const tokens = await caller.apiTokens.list({ workspaceSlug });
  const hooks = await caller.webhooks.list({ workspaceSlug });
  const tw = await getTranslations("webhooks");
  const ta = await getTranslations("apiTokens");
  const tg = await getTranslations("gdpr");
  const tt = await getTranslations("territory");
  const places = allianceFormOptions();
  const te = await getTranslations("evaluation");
  const defaultText = (key: string) => messageOr(te, `questions.${key}`, null);
  return (
    <ScopedMessages scope="settings">
      <section className="max-w-xl space-y-4">
        <h1 className="text-2xl font-bold">{t("settingsTitle")}</h1>
        <WorkspaceSettingsForm workspace={workspace} />
        <section aria-labelledby="verification-title" className="space-y-3 pt-6">
          <h2 id="verification-title" className="text-xl font-semibold">
            {tv("title")}
          </h2>
          <VerificationSettings
            workspaceSlug={workspaceSlug}
            state={verification}
            proconnect={
              env().proconnect ? (
                <ProviderSignIn
                  providers={[{ id: "proconnect", name: "ProConnect" }]}
                  intent="verify"
                  callbackUrl={`/w/${workspaceSlug}/settings`}
                />
              ) : null
            }
          />
        </section>
        <section aria-labelledby="territory-title" className="space-y-3 pt-6">
          <h2 id="territory-title" className="text-xl font-semibold">
            {tt("settingsTitle")}
          </h2>
          <TerritorySettings
            workspaceSlug={workspaceSlug}
            statistics={workspace.territorialStatistics}
            requests={coordinations.map((c) => ({
              ...c,
              label:
                (c.level === "region" ? places.regions : places.departements).find((p) => p.code === c.code)?.label ??
                c.code,
            }))}
            regions={places.regions}
            departements={places.departements}
          />
        </section>
        <section aria-labelledby="questionnaire-title" className="space-y-3 pt-6">
          <h2 id="questionnaire-title" className="text-xl font-semibold">
            {te("questionnaire")}
          </h2>
          <p className="text-sm text-slate-800">{te("questionnaireIntro")}</p>
          <QuestionnaireEditor
            workspaceSlug={workspaceSlug}
            questions={questionnaire.map((q) => ({
              key: q.key,
              dimension: q.dimension,
              text: q.label ?? defaultText(q.key) ?? q.key,
              defaultText: q.label ? null : defaultText(q.key),
            }))}
          />
        </section>
        <section aria-labelledby="guide-wording-title" className="space-y-3 pt-6">
          <h2 id="guide-wording-title" className="text-xl font-semibold">
            {tgu("wordingTitle")}
          </h2>
          <p className="text-sm text-slate-800">{tgu("wordingIntro")}</p>
          <GuideWordingForm workspaceSlug={workspaceSlug} wording={guideWording} />
        </section>
        <section aria-labelledby="api-title" className="space-y-3 pt-6">
          <h2 id="api-title" className="text-xl font-semibold">
            {ta("title")}
          </h2>
          <ApiTokens workspaceSlug={workspaceSlug} tokens={tokens} />
        </section>
        <section aria-labelledby="webhooks-title" className="space-y-3 pt-6">
          <h2 id="webhooks-title" className="text-xl font-semibold">
            {tw("title")}
          </h2>
          <Webhooks workspaceSlug={workspaceSlug} hooks={hooks} />
        </section>
        <section aria-labelledby="gdpr-title" className="space-y-3 pt-6">
          <h2 id="gdpr-title" className="text-xl font-semibold">
            {tg("title")}
          </h2>
          <p className="text-sm text-slate-800">{tg("archiveHelp")}</p>
          <p>
            <a href={`/w/${workspaceSlug}/settings/archive`} download>
              {tg("archive")}
            </a>
          </p>
          {can(workspace.myRole, "workspace.delete") ? (
            <DeleteWorkspace workspaceSlug={workspaceSlug} name={workspace.name} />
          ) : null}
        </section>
      </section>
    </ScopedMessages>
  );
}
