"use client";

import { useEffect, useState } from "react";
import { PartnerFilter } from "@/components/alliances/partner-filter";
import { SelectField, TextField } from "@/components/ui/field";
import { LazyDetails } from "@/components/ui/lazy-details";

/** One field of the list's "more filters", as data. */
export type MoreFilterField =
  | {
      kind: "select";
      id: string;
      name: string;
      label: string;
      value: string;
      options: Array<{ value: string; label: string }>;
    }
  | {
      /** A select of places whose options the browser asks for when it draws the field (`/api/places`). */
      kind: "places";
      id: string;
      name: "region" | "departement";
      label: string;
      anyLabel: string;
      /** The active filter's place, with its label, offered before the others arrive. */
      chosen?: { code: string; label: string };
    }
  | { kind: "text"; id: string; name: string; label: string; value: string; type?: "date" }
  | { kind: "checkbox"; name: string; label: string; checked: boolean }
  | { kind: "partner"; label: string; initial: { id: string; name: string } | null };

/**
 * The alliance list's less used filters behind "Plus de filtres", in a native `<details>`. Its
 * fields are drawn in the browser when it is first opened, from data: rendered on the server they
 * travelled twice (markup and React's payload, about 21 kB of a 122 kB list page for 11 fields
 * and 120 places). When one of them is active the server draws it open, with its fields, and the
 * form sends them as before. Closed, the form has none of these fields, and sends none.
 */
export function MoreFilters({
  summary,
  initiallyOpen,
  workspaceSlug,
  fields,
}: {
  summary: string;
  initiallyOpen: boolean;
  workspaceSlug: string;
  fields: MoreFilterField[];
}) {
  return (
    <LazyDetails
      summary={summary}
      initiallyOpen={initiallyOpen}
      className="group rounded-md border border-slate-200"
      testId="more-filters"
    >
      {() => (
        <div className="grid gap-3 p-3 sm:grid-cols-2 lg:grid-cols-4">
          {fields.map((field) => {
            switch (field.kind) {
              case "select":
                return (
                  <SelectField
                    key={field.name}
                    id={field.id}
                    name={field.name}
                    label={field.label}
                    defaultValue={field.value}
                    options={field.options}
                  />
                );
              case "places":
                return <PlacesField key={field.name} field={field} />;
              case "text":
                return (
                  <TextField
                    key={field.name}
                    id={field.id}
                    name={field.name}
                    type={field.type}
                    label={field.label}
                    defaultValue={field.value}
                  />
                );
              case "checkbox":
                return (
                  <label key={field.name} className="flex items-center gap-2 self-end text-sm">
                    <input
                      type="checkbox"
                      name={field.name}
                      value="1"
                      defaultChecked={field.checked}
                      className="h-4 w-4"
                    />
                    {field.label}
                  </label>
                );
              case "partner":
                return (
                  <PartnerFilter
                    key="partner"
                    workspaceSlug={workspaceSlug}
                    label={field.label}
                    initial={field.initial}
                  />
                );
            }
          })}
        </div>
      )}
    </LazyDetails>
  );
}

type Place = { code: string; label: string };
let places: Promise<{ regions: Place[]; departements: Place[] }> | null = null;

/** The places, asked for once per page load (the answer is static and kept by the browser). */
function loadPlaces() {
  places ??= fetch("/api/places").then(async (response) => {
    if (!response.ok) throw new Error(`places: ${response.status}`);
    return (await response.json()) as { regions: Place[]; departements: Place[] };
  });
  places.catch(() => {
    places = null; // asked again the next time the field is drawn
  });
  return places;
}

/**
 * A région or département select whose options are added when they arrive. Until then it offers
 * "any" and the active filter's place (so the form, even without JavaScript, sends the filter
 * back as it is), and says it is busy to screen readers.
 */
function PlacesField({ field }: { field: Extract<MoreFilterField, { kind: "places" }> }) {
  const [options, setOptions] = useState<Place[] | null>(null);
  const { name, chosen } = field;
  useEffect(() => {
    let live = true;
    loadPlaces().then(
      (loaded) => live && setOptions(name === "region" ? loaded.regions : loaded.departements),
      // The places could not be fetched: the chosen place stays offered and selected, so the filter is kept.
      () => live && setOptions(chosen ? [chosen] : []),
    );
    return () => {
      live = false;
    };
  }, [name, chosen]);
  return (
    <SelectField
      id={field.id}
      name={field.name}
      label={field.label}
      defaultValue={field.chosen?.code ?? ""}
      aria-busy={options === null}
      options={[
        { value: "", label: field.anyLabel },
        ...(options ?? (field.chosen ? [field.chosen] : [])).map((p) => ({ value: p.code, label: p.label })),
      ]}
    />
  );
}
