"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useLookup } from "@/components/providers/lookup";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { SelectField } from "@/components/ui/field";
import { TERRITORY_LEVELS, type TerritoryLevel } from "@/domain/territory";

export interface PlaceOption {
  code: string;
  label: string;
}

/** Scope, then places: communes by type-ahead (name or postal code), départements and régions from lists. */
export function TerritoryPicker({
  scope,
  places,
  onChange,
  regions,
  departements,
  error,
}: {
  scope: TerritoryLevel;
  places: PlaceOption[];
  onChange: (scope: TerritoryLevel, places: PlaceOption[]) => void;
  regions: PlaceOption[];
  departements: PlaceOption[];
  error?: string;
}) {
  const t = useTranslations("alliances");
  const trpc = useTRPC();
  const id = useId();
  const [query, setQuery] = useState("");
  const [listed, setListed] = useState("");
  const communes = useLookup(
    trpc.places.searchCommunes.queryOptions({ query: query.trim() || "-", limit: 8 }),
    scope === "commune" && query.trim().length >= 2,
  );
  const add = (place: PlaceOption) => {
    if (!places.some((p) => p.code === place.code)) onChange(scope, [...places, place]);
    setQuery("");
  };
  const list = scope === "region" ? regions : scope === "departement" ? departements : [];
  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-base font-semibold">{t("fields.territory")}</legend>
      <SelectField
        id={`${id}-scope`}
        label={t("fields.scope")}
        value={scope}
        onChange={(e) => onChange(e.target.value as TerritoryLevel, [])}
        options={TERRITORY_LEVELS.map((level) => ({ value: level, label: t(`scopeLevels.${level}`) }))}
      />
      {scope === "commune" ? (
        <div>
          <label htmlFor={`${id}-commune`} className="block text-sm font-medium">
            {t("fields.communeSearch")}
          </label>
          <input
            id={`${id}-commune`}
            type="search"
            autoComplete="off"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-500 px-3 py-2 focus:outline focus:outline-3 focus:outline-blue-700"
          />
          {communes && query.trim().length >= 2 ? (
            <ul className="mt-1 rounded-md border border-slate-300 bg-white" aria-label={t("fields.communeSearch")}>
              {communes.map((c) => (
                <li key={c.code}>
                  <button
                    type="button"
                    className="block w-full px-3 py-1.5 text-left text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
                    onClick={() => add({ code: c.code, label: `${c.name} (${c.departement})` })}
                  >
                    {c.name} ({c.departement}) {c.postalCodes.join(", ")}
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {scope === "region" || scope === "departement" ? (
        <div className="flex items-end gap-2">
          <div className="grow">
            <SelectField
              id={`${id}-list`}
              label={t(scope === "region" ? "fields.region" : "fields.departement")}
              value={listed}
              onChange={(e) => setListed(e.target.value)}
              options={[{ value: "", label: "—" }, ...list.map((p) => ({ value: p.code, label: p.label }))]}
            />
          </div>
          <Button type="button" variant="secondary" onClick={() => listed && add(list.find((p) => p.code === listed)!)}>
            {t("fields.add")}
          </Button>
        </div>
      ) : null}
      {scope === "epci" ? (
        <div className="flex items-end gap-2">
          <div className="grow">
            <label htmlFor={`${id}-epci`} className="block text-sm font-medium">
              {t("fields.epci")}
            </label>
            <input
              id={`${id}-epci`}
              inputMode="numeric"
              value={listed}
              onChange={(e) => setListed(e.target.value.trim())}
              className="mt-1 block w-full rounded-md border border-slate-500 px-3 py-2 focus:outline focus:outline-3 focus:outline-blue-700"
            />
          </div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => listed && add({ code: listed, label: `EPCI ${listed}` })}
          >
            {t("fields.add")}
          </Button>
        </div>
      ) : null}
      {places.length > 0 ? (
        <ul className="flex flex-wrap gap-2" data-testid="chosen-places">
          {places.map((p) => (
            <li
              key={p.code}
              className="flex items-center gap-1 rounded-full border border-slate-400 bg-slate-100 py-0.5 pl-3 pr-1 text-sm"
            >
              {p.label}
              <button
                type="button"
                className="rounded-full px-2 text-red-800 hover:bg-red-50 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
                onClick={() =>
                  onChange(
                    scope,
                    places.filter((x) => x.code !== p.code),
                  )
                }
                aria-label={`${t("fields.remove")} ${p.label}`}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
