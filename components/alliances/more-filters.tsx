"use client";

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
