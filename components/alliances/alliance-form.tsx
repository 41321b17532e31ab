"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useMemo, useState, useSyncExternalStore, type FormEvent } from "react";
import { useMutationErrors } from "@/components/providers/mutation-errors";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField, TextAreaField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { ENTRY_DOORS, LIFECYCLE_STAGES, MECENAT_FORMS, MODES, type MecenatForm, type Mode } from "@/domain/alliances";
import { labelOf, messageOr } from "@/messages/labels";
import type { allianceIssues } from "./alliance-validation";
import { draftFromAlliance, emptyPartner, newKey, toInput, type AllianceDraft } from "./form-state";
import { PartnerField } from "./partner-field";
import { SdgPicker } from "./sdg-picker";
import { TerritoryPicker, type PlaceOption } from "./territory-picker";

const noSubscription = () => () => {};

interface Props {
  workspaceSlug: string;
  initial: AllianceDraft;
  /** Present when editing: the alliance and the version the form started from. */
  existing?: { id: string; version: number };
  roles: Array<{ key: string; label: string | null }>;
  schemes: Array<{ key: string; label: string | null }>;
  regions: PlaceOption[];
  departements: PlaceOption[];
  placeLabels: Record<string, string>;
}

/**
 * Create and edit an alliance. Every change is checked against the same schema as the API,
 * and the messages appear as soon as a field was left, or after a first attempt to save.
 */
export function AllianceForm({
  workspaceSlug,
  initial,
  existing,
  roles,
  schemes,
  regions,
  departements,
  placeLabels,
}: Props) {
  const t = useTranslations();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [version, setVersion] = useState(existing?.version ?? 1);
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [newer, setNewer] = useState<AllianceDraft | null>(null);
  // Typing before hydration would be lost to the initial state: saving waits for it.
  const ready = useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
  const set = (patch: Partial<AllianceDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const touch = (name: string) => () => setTouched((s) => new Set(s).add(name));

  // The checks arrive just after the form (a separate chunk); until then the server's own
  // validation answers a save.
  const [validate, setValidate] = useState<typeof allianceIssues | null>(null);
  useEffect(() => {
    let live = true;
    void import("./alliance-validation").then((m) => {
      if (live) setValidate(() => m.allianceIssues);
    });
    return () => {
      live = false;
    };
  }, []);
  const issues = useMemo(() => {
    const map: Record<string, string> = {};
    for (const issue of validate ? validate(toInput(draft), locale) : []) {
      map[issue.path] ??= issue.message.startsWith("errors.")
        ? messageOr(t, issue.message, issue.message)
        : issue.message;
    }
    return map;
  }, [draft, t, validate, locale]);

  const onSuccess = (result: { id: string }) => {
    router.push(`/w/${workspaceSlug}/alliances/${result.id}`);
    router.refresh();
  };
  const create = useMutation(trpc.alliances.create.mutationOptions({ onSuccess }));
  const update = useMutation(
    trpc.alliances.update.mutationOptions({
      onSuccess,
      onError: async (error) => {
        if (error instanceof TRPCClientError && error.data?.code === "CONFLICT" && existing) {
          const latest = await queryClient.fetchQuery(
            trpc.alliances.get.queryOptions({ workspaceSlug, id: existing.id }, { staleTime: 0 }),
          );
          setNewer(draftFromAlliance(latest, (code) => placeLabels[code] ?? code));
          setVersion(latest.version);
        }
      },
    }),
  );
  const mutation = existing ? update : create;
  const server = useMutationErrors(mutation.error);
  const error = (path: string, always = false) =>
    always || attempted || touched.has(path) ? (server.fields[path] ?? issues[path]) : server.fields[path];
  const prefixError = (prefix: string) =>
    attempted
      ? Object.entries({ ...issues, ...server.fields }).find(([k]) => k === prefix || k.startsWith(`${prefix}.`))?.[1]
      : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAttempted(true);
    if (Object.keys(issues).length > 0) return;
    const input = { workspaceSlug, ...toInput(draft) } as Parameters<typeof create.mutate>[0];
    if (existing) update.mutate({ ...input, id: existing.id, version });
    else create.mutate(input);
  };

  const option = (prefix: string) => (k: string) => ({
    value: k,
    label: labelOf(t, prefix, k),
  });
  const entry = (prefix: string) => (e: { key: string; label: string | null }) => ({
    value: e.key,
    label: e.label ?? option(prefix)(e.key).label,
  });

  return (
    <form
      onSubmit={submit}
      noValidate
      className="space-y-8"
      data-testid="alliance-form"
      data-ready={ready && validate !== null}
    >
      {mutation.error && !newer ? <Notice tone="error">{server.message}</Notice> : null}
      {attempted && Object.keys(issues).length > 0 ? <Notice tone="error">{t("errors.validation")}</Notice> : null}
      {newer ? (
        <section
          className="space-y-2 rounded-md border border-amber-700 bg-amber-50 p-4"
          aria-labelledby="newer-title"
          data-testid="conflict"
        >
          <Notice tone="error">{t("errors.alliance.stale")}</Notice>
          <h2 id="newer-title" className="font-semibold">
            {t("alliances.newerValues")}
          </h2>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-4 text-sm">
            <dt className="font-medium">{t("alliances.fields.title")}</dt>
            <dd data-testid="newer-title">{newer.title}</dd>
            <dt className="font-medium">{t("alliances.fields.stage")}</dt>
            <dd>{t(`alliance.lifecycle.${newer.stage}`)}</dd>
            <dt className="font-medium">{t("alliances.fields.summary")}</dt>
            <dd>{newer.summary || "—"}</dd>
          </dl>
          <Button
            type="button"
            variant="secondary"
            onClick={() => {
              setDraft(newer);
              setNewer(null);
              update.reset();
            }}
          >
            {t("alliances.useNewer")}
          </Button>
        </section>
      ) : null}

      <section className="grid gap-4 sm:grid-cols-2">
        <div className="sm:col-span-2">
          <TextField
            id="a-title"
            label={t("alliances.fields.title")}
            required
            value={draft.title}
            onChange={(e) => set({ title: e.target.value })}
            onBlur={touch("title")}
            error={error("title")}
          />
        </div>
        <div className="sm:col-span-2">
          <TextAreaField
            id="a-summary"
            label={t("alliances.fields.summary")}
            value={draft.summary}
            onChange={(e) => set({ summary: e.target.value })}
            error={error("summary")}
          />
          <TextAreaField
            id="a-key-results"
            label={t("alliances.fields.keyResults")}
            help={t("alliances.fields.keyResultsHint")}
            value={draft.keyResults}
            onChange={(e) => set({ keyResults: e.target.value })}
            error={error("keyResults")}
          />
        </div>
        <SelectField
          id="a-stage"
          label={t("alliances.fields.stage")}
          value={draft.stage}
          onChange={(e) => set({ stage: e.target.value as AllianceDraft["stage"] })}
          options={LIFECYCLE_STAGES.map(option("alliance.lifecycle"))}
        />
        <SelectField
          id="a-own-role"
          label={t("alliances.fields.ownRole")}
          value={draft.ownRole}
          onChange={(e) => set({ ownRole: e.target.value })}
          options={roles.map(entry("alliance.partnerRoles"))}
        />
        <TextField
          id="a-starts"
          type="date"
          label={t("alliances.fields.startsOn")}
          value={draft.startsOn}
          onChange={(e) => set({ startsOn: e.target.value })}
          onBlur={touch("startsOn")}
          error={error("startsOn")}
        />
        <TextField
          id="a-ends"
          type="date"
          label={t("alliances.fields.endsOn")}
          value={draft.endsOn}
          onChange={(e) => set({ endsOn: e.target.value })}
          onBlur={touch("endsOn")}
          error={error("endsOn")}
        />
      </section>

      <section className="space-y-3" aria-labelledby="partners-title">
        <h2 id="partners-title" className="text-lg font-semibold">
          {t("alliances.fields.partners")}
        </h2>
        {prefixError("partners") && draft.partners.length === 0 ? (
          <p className="text-sm font-medium text-red-800">{prefixError("partners")}</p>
        ) : null}
        {draft.partners.map((p, i) => (
          <PartnerField
            key={p.key}
            workspaceSlug={workspaceSlug}
            index={i}
            value={p}
            roles={roles.map(entry("alliance.partnerRoles"))}
            onChange={(next) => set({ partners: draft.partners.map((x) => (x.key === p.key ? next : x)) })}
            onRemove={
              draft.partners.length > 1
                ? () => set({ partners: draft.partners.filter((x) => x.key !== p.key) })
                : undefined
            }
            errors={(suffix) => error(suffix ? `partners.${i}.${suffix}` : `partners.${i}`, false)}
          />
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() => set({ partners: [...draft.partners, emptyPartner()] })}
        >
          {t("alliances.fields.addPartner")}
        </Button>
      </section>

      <section className="space-y-3" aria-labelledby="modes-title">
        <h2 id="modes-title" className="text-lg font-semibold">
          {t("alliances.fields.modes")}
        </h2>
        {draft.modes.map((m, i) => {
          const update = (patch: Partial<(typeof draft.modes)[number]>) =>
            set({ modes: draft.modes.map((x) => (x.key === m.key ? { ...x, ...patch } : x)) });
          return (
            <fieldset
              key={m.key}
              className="grid gap-3 rounded-md border border-slate-300 p-3 sm:grid-cols-3"
              data-testid={`mode-${i}`}
            >
              <legend className="px-1 font-medium">
                {t("alliances.fields.mode")} {i + 1}
              </legend>
              <SelectField
                id={`mode-${m.key}`}
                label={t("alliances.fields.mode")}
                value={m.mode}
                onChange={(e) => update({ mode: e.target.value as Mode })}
                options={MODES.map(option("alliance.modes"))}
              />
              <TextField
                id={`mode-${m.key}-from`}
                type="date"
                label={t("alliances.fields.periodFrom")}
                value={m.startsOn}
                onChange={(e) => update({ startsOn: e.target.value })}
                error={error(`modes.${i}.startsOn`)}
              />
              <TextField
                id={`mode-${m.key}-to`}
                type="date"
                label={t("alliances.fields.periodTo")}
                value={m.endsOn}
                onChange={(e) => update({ endsOn: e.target.value })}
                error={error(`modes.${i}.endsOn`)}
              />
              {m.mode === "mecenat" ? (
                <fieldset className="sm:col-span-3">
                  <legend className="text-sm font-medium">{t("alliances.fields.mecenatForms")}</legend>
                  <div className="mt-1 flex flex-wrap gap-4">
                    {MECENAT_FORMS.map((f) => (
                      <label key={f} className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          className="h-4 w-4"
                          checked={m.mecenatForms.includes(f)}
                          onChange={(e) =>
                            update({
                              mecenatForms: e.target.checked
                                ? [...m.mecenatForms, f]
                                : (m.mecenatForms.filter((x) => x !== f) as MecenatForm[]),
                            })
                          }
                        />
                        {t(`alliance.mecenatForms.${f}`)}
                      </label>
                    ))}
                  </div>
                </fieldset>
              ) : null}
              {draft.modes.length > 1 ? (
                <div className="sm:col-span-3">
                  <Button
                    type="button"
                    variant="danger"
                    className="px-3 py-1"
                    onClick={() => set({ modes: draft.modes.filter((x) => x.key !== m.key) })}
                  >
                    {t("alliances.fields.remove")}
                  </Button>
                </div>
              ) : null}
            </fieldset>
          );
        })}
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            set({
              modes: [
                ...draft.modes,
                { key: newKey(), mode: "cooperation_economique", mecenatForms: [], startsOn: "", endsOn: "" },
              ],
            })
          }
        >
          {t("alliances.fields.addPeriod")}
        </Button>
      </section>

      <SdgPicker
        value={draft.sdgTargets}
        primary={draft.primaryTarget}
        onChange={(sdgTargets, primaryTarget) => set({ sdgTargets, primaryTarget })}
        error={prefixError("sdgTargets")}
      />

      <TerritoryPicker
        scope={draft.scope}
        places={draft.places}
        onChange={(scope, places) => set({ scope, places })}
        regions={regions}
        departements={departements}
        error={prefixError("territory")}
      />

      <fieldset className="space-y-2">
        <legend className="text-base font-semibold">{t("alliances.fields.entryDoors")}</legend>
        <div className="flex flex-wrap gap-4">
          {ENTRY_DOORS.map((door) => (
            <label key={door} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                className="h-4 w-4"
                checked={draft.entryDoors.includes(door)}
                onChange={(e) =>
                  set({
                    entryDoors: e.target.checked
                      ? [...draft.entryDoors, door]
                      : draft.entryDoors.filter((d) => d !== door),
                  })
                }
              />
              {t(`alliance.entryDoors.${door}`)}
            </label>
          ))}
        </div>
      </fieldset>

      <section className="space-y-3" aria-labelledby="engagements-title">
        <h2 id="engagements-title" className="text-lg font-semibold">
          {t("alliances.fields.engagements")}
        </h2>
        {draft.engagements.map((e, i) => {
          const update = (patch: Partial<(typeof draft.engagements)[number]>) =>
            set({ engagements: draft.engagements.map((x) => (x.key === e.key ? { ...x, ...patch } : x)) });
          return (
            <div key={e.key} className="grid items-end gap-3 sm:grid-cols-4">
              <SelectField
                id={`eng-${e.key}`}
                label={t("alliances.fields.scheme")}
                value={e.scheme}
                onChange={(ev) => update({ scheme: ev.target.value })}
                options={schemes.map(entry("alliance.engagementSchemes"))}
              />
              <TextField
                id={`eng-${e.key}-emp`}
                inputMode="numeric"
                label={t("alliances.fields.employees")}
                value={e.employees}
                onChange={(ev) => update({ employees: ev.target.value })}
                error={error(`engagements.${i}.employees`)}
              />
              <TextField
                id={`eng-${e.key}-hours`}
                inputMode="decimal"
                label={t("alliances.fields.hours")}
                value={e.hours}
                onChange={(ev) => update({ hours: ev.target.value })}
                error={error(`engagements.${i}.hours`)}
              />
              <Button
                type="button"
                variant="danger"
                className="px-3 py-1"
                onClick={() => set({ engagements: draft.engagements.filter((x) => x.key !== e.key) })}
              >
                {t("alliances.fields.remove")}
              </Button>
            </div>
          );
        })}
        <Button
          type="button"
          variant="secondary"
          onClick={() =>
            set({
              engagements: [...draft.engagements, { key: newKey(), scheme: schemes[0]!.key, employees: "", hours: "" }],
            })
          }
        >
          {t("alliances.fields.addScheme")}
        </Button>
      </section>

      <TextField
        id="a-tags"
        label={t("alliances.fields.tags")}
        value={draft.tags}
        onChange={(e) => set({ tags: e.target.value })}
        error={error("tags")}
      />

      <Button type="submit" disabled={!ready || mutation.isPending}>
        {t("alliances.save")}
      </Button>
    </form>
  );
}
