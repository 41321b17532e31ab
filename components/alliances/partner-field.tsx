"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { useLookup } from "@/components/providers/lookup";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField, TextField } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import {
  compactIdentifier,
  isValidRna,
  isValidSiren,
  isValidSiret,
  kindFromLegalCategory,
  ORGANISATION_KINDS,
  type OrganisationKind,
} from "@/domain/identifiers";
import type { PartnerDraft } from "./form-state";

/** One partner: an organisation picked from the directory by name, or described as new; and its role. */
export function PartnerField({
  workspaceSlug,
  index,
  value,
  roles,
  onChange,
  onRemove,
  errors,
}: {
  workspaceSlug: string;
  index: number;
  value: PartnerDraft;
  roles: Array<{ value: string; label: string }>;
  onChange: (next: PartnerDraft) => void;
  onRemove?: () => void;
  errors: (suffix: string) => string | undefined;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const [query, setQuery] = useState("");
  const base = `partner-${value.key}`;
  const suggestions = useLookup(
    trpc.organisations.suggest.queryOptions({ workspaceSlug, query: query.trim().length >= 2 ? query.trim() : "--" }),
    !value.isNew && !value.organisationId && query.trim().length >= 2,
  );
  // A partner described as new whose SIREN, SIRET or RNA is already in the directory will be
  // that organisation when saved: say so now, with its known name.
  const identifiers = {
    siren: isValidSiren(compactIdentifier(value.siren)) ? compactIdentifier(value.siren) : null,
    siret: isValidSiret(compactIdentifier(value.siret)) ? compactIdentifier(value.siret) : null,
    rna: isValidRna(compactIdentifier(value.rna)) ? compactIdentifier(value.rna) : null,
  };
  const known = useLookup(
    trpc.organisations.matchIdentifiers.queryOptions({ workspaceSlug, ...identifiers }),
    value.isNew && !value.organisationId && Boolean(identifiers.siren || identifiers.siret || identifiers.rna),
  );
  return (
    <fieldset className="space-y-3 rounded-md border border-slate-300 p-3" data-testid={`partner-${index}`}>
      <legend className="px-1 font-medium">{t("alliances.fields.partner", { number: index + 1 })}</legend>
      {value.organisationId ? (
        <p className="flex flex-wrap items-center gap-3 text-sm">
          <span>{t("alliances.fields.chosen", { name: value.organisationName ?? "" })}</span>
          <Button
            type="button"
            variant="link"
            onClick={() => onChange({ ...value, organisationId: null, organisationName: null })}
          >
            {t("alliances.fields.change")}
          </Button>
        </p>
      ) : value.isNew ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField
            id={`${base}-name`}
            label={t("alliances.fields.partnerName")}
            value={value.name}
            onChange={(e) => onChange({ ...value, name: e.target.value })}
            error={errors("organisation.name")}
          />
          <SelectField
            id={`${base}-kind`}
            label={t("alliances.fields.partnerKind")}
            value={value.kind}
            onChange={(e) => onChange({ ...value, kind: e.target.value as OrganisationKind })}
            options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`alliance.organisationKinds.${k}`) }))}
          />
          <TextField
            id={`${base}-siren`}
            label={t("alliances.fields.siren")}
            inputMode="numeric"
            value={value.siren}
            onChange={(e) => onChange({ ...value, siren: e.target.value })}
            error={errors("organisation.siren")}
          />
          <TextField
            id={`${base}-siret`}
            label={t("alliances.fields.siret")}
            inputMode="numeric"
            value={value.siret}
            onChange={(e) => onChange({ ...value, siret: e.target.value })}
            error={errors("organisation.siret")}
          />
          <TextField
            id={`${base}-rna`}
            label={t("alliances.fields.rna")}
            value={value.rna}
            onChange={(e) => onChange({ ...value, rna: e.target.value })}
            error={errors("organisation.rna")}
          />
          <TextField
            id={`${base}-category`}
            inputMode="numeric"
            label={t("alliances.fields.legalCategory")}
            help={t("alliances.fields.legalCategoryHelp")}
            value={value.legalCategory}
            onChange={(e) => {
              const legalCategory = e.target.value.trim();
              // A known INSEE category also tells the kind of organisation.
              onChange({
                ...value,
                legalCategory,
                kind: /^\d{4}$/.test(legalCategory) ? kindFromLegalCategory(legalCategory) : value.kind,
              });
            }}
            error={errors("organisation.legalCategory")}
          />
          <TextField
            id={`${base}-website`}
            type="url"
            label={t("alliances.fields.website")}
            value={value.website}
            onChange={(e) => onChange({ ...value, website: e.target.value })}
            error={errors("organisation.website")}
          />
          {known ? (
            <div className="sm:col-span-2">
              <Notice testId={`${base}-known`}>
                <p>{t("alliances.fields.knownOrganisation", { name: known.name })}</p>
                <Button
                  type="button"
                  variant="link"
                  onClick={() =>
                    onChange({ ...value, isNew: false, organisationId: known.id, organisationName: known.name })
                  }
                >
                  {t("alliances.fields.useKnownOrganisation", { name: known.name })}
                </Button>
              </Notice>
            </div>
          ) : null}
        </div>
      ) : (
        <div>
          <TextField
            id={`${base}-search`}
            type="search"
            autoComplete="off"
            label={t("alliances.fields.partnerSearch")}
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            error={errors("")}
          />
          <ul className="mt-1 space-y-1">
            {(suggestions ?? []).map((o) => (
              <li key={o.id}>
                <button
                  type="button"
                  className="w-full rounded px-2 py-1 text-left text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
                  onClick={() => onChange({ ...value, organisationId: o.id, organisationName: o.name })}
                >
                  {o.name} · {t(`alliance.organisationKinds.${o.kind}`)}
                  {o.siren ? ` · SIREN ${o.siren}` : ""}
                </button>
              </li>
            ))}
            <li>
              <Button type="button" variant="link" onClick={() => onChange({ ...value, isNew: true, name: query })}>
                {t("alliances.fields.partnerNew")}
                {query.trim() ? ` : « ${query.trim()} »` : ""}
              </Button>
            </li>
          </ul>
        </div>
      )}
      <div className="flex flex-wrap items-end gap-3">
        <div className="min-w-48">
          <SelectField
            id={`${base}-role`}
            label={t("alliances.fields.partnerRole")}
            value={value.role}
            onChange={(e) => onChange({ ...value, role: e.target.value })}
            options={roles}
          />
        </div>
        {onRemove ? (
          <Button type="button" variant="danger" className="px-3 py-1" onClick={onRemove}>
            {t("alliances.fields.remove")}
          </Button>
        ) : null}
      </div>
    </fieldset>
  );
}
