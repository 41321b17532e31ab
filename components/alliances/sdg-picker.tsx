"use client";

import { useTranslations } from "next-intl";
import { useId, useMemo, useState } from "react";
import { SelectField } from "@/components/ui/field";
import { compareSdgTargets, SDG_GOALS, textColourOn } from "@/domain/sdg";
import { normalizeForSearch } from "@/domain/territory";
import { labelOf } from "@/messages/labels";

/**
 * SDG targets grouped by goal, in the goals' colours, with a filter on words or codes. Each
 * goal is a fieldset of checkboxes; the primary target is chosen among those ticked.
 */
export function SdgPicker({
  value,
  primary,
  onChange,
  error,
}: {
  value: string[];
  primary: string;
  onChange: (targets: string[], primary: string) => void;
  error?: string;
}) {
  const t = useTranslations();
  const [filter, setFilter] = useState("");
  const id = useId();
  const label = (code: string) => labelOf(t, "sdg.targets", code);
  const q = normalizeForSearch(filter);
  const goals = useMemo(
    () =>
      SDG_GOALS.map((g) => ({
        ...g,
        shown: g.targets.filter(
          (code) =>
            !q ||
            code.startsWith(q) ||
            normalizeForSearch(`${labelOf(t, "sdg.goals", g.number)} ${label(code)}`).includes(q),
        ),
      })).filter((g) => g.shown.length > 0),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [q],
  );
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...value, code] : value.filter((c) => c !== code);
    onChange(next, next.includes(primary) ? primary : (next[0] ?? ""));
  };
  return (
    <fieldset className="space-y-3" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="text-base font-semibold">{t("alliances.fields.sdg")}</legend>
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("alliances.fields.sdgChosen", { count: value.length })}
      </p>
      {value.length > 0 ? (
        // The chosen targets stay in sight whatever the filter shows below.
        <ul className="flex flex-wrap gap-2" data-testid="sdg-chosen">
          {[...value].sort(compareSdgTargets).map((code) => (
            <li
              key={code}
              className="flex items-center gap-1 rounded-full border border-slate-400 bg-slate-50 py-0.5 pl-3 pr-1 text-sm"
            >
              <span>
                <span className="font-mono">{code}</span> — {label(code)}
              </span>
              <button
                type="button"
                onClick={() => toggle(code, false)}
                className="rounded-full px-2 text-slate-800 hover:bg-slate-200 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
                aria-label={t("alliances.fields.sdgRemove", { code })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <div>
        <label htmlFor={`${id}-filter`} className="block text-sm font-medium">
          {t("alliances.fields.sdgFilter")}
        </label>
        <input
          id={`${id}-filter`}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-500 px-3 py-2 focus:outline focus:outline-3 focus:outline-blue-700"
        />
      </div>
      <div
        className="max-h-96 space-y-3 overflow-y-auto rounded-md border border-slate-300 p-3"
        data-testid="sdg-picker"
      >
        {goals.map((g) => (
          <fieldset key={g.number} className="space-y-1">
            <legend
              className="mb-1 rounded px-2 py-1 text-sm font-semibold"
              style={{ backgroundColor: g.colour, color: textColourOn(g.colour) }}
            >
              {t("sdg.goal", { number: g.number })} · {labelOf(t, "sdg.goals", g.number)}
            </legend>
            {g.shown.map((code) => (
              <label key={code} className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-1 h-4 w-4"
                  checked={value.includes(code)}
                  onChange={(e) => toggle(code, e.target.checked)}
                />
                <span>
                  <span className="font-mono">{code}</span> — {label(code)}
                </span>
              </label>
            ))}
          </fieldset>
        ))}
      </div>
      {value.length > 1 ? (
        <SelectField
          id={`${id}-primary`}
          label={t("alliances.fields.sdgPrimary")}
          value={primary || value[0]}
          onChange={(e) => onChange(value, e.target.value)}
          options={value.map((code) => ({ value: code, label: `${code} — ${label(code)}` }))}
        />
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
