"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { useLookup } from "@/components/providers/lookup";
import { useTRPC } from "@/components/providers/trpc";
import { control } from "@/components/ui/field";

/**
 * The alliance list's partner filter: a combobox (WAI-ARIA pattern, list autocomplete) that asks
 * for the workspace's partners as the person types two letters or more, instead of the page
 * sending every partner. Arrow keys move in the list, Enter or a click chooses, Escape closes;
 * emptying the text removes the filter. The chosen partner's id goes with the form in a hidden
 * `partnerId`, as the select it replaces did.
 */
export function PartnerFilter({
  workspaceSlug,
  label,
  initial,
}: {
  workspaceSlug: string;
  label: string;
  /** The filter's current partner, named on the server. */
  initial: { id: string; name: string } | null;
}) {
  const t = useTranslations("alliances.partnerFilter");
  const trpc = useTRPC();
  const id = useId();
  const [text, setText] = useState(initial?.name ?? "");
  const [chosen, setChosen] = useState<{ id: string; name: string } | null>(initial);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const query = text.trim();
  const typing = open && query.length >= 2 && query !== chosen?.name;
  const found = useLookup(
    trpc.organisations.searchPartners.queryOptions({ workspaceSlug, query: query.length >= 2 ? query : "--" }),
    typing,
  );
  const options = typing ? (found ?? []) : [];
  const expanded = typing && found !== undefined;
  const choose = (o: { id: string; name: string }) => {
    setChosen(o);
    setText(o.name);
    setOpen(false);
    setActive(-1);
  };
  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      setActive((a) => (a <= 0 ? options.length - 1 : a - 1));
    } else if (event.key === "Enter" && expanded && active >= 0 && options[active]) {
      // Chooses the partner instead of sending the form.
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape" && expanded) {
      event.preventDefault();
      setOpen(false);
      setActive(-1);
    }
  };
  return (
    <div className="relative">
      <label htmlFor={`${id}-input`} className="block text-sm font-medium text-slate-900">
        {label}
      </label>
      <input
        id={`${id}-input`}
        type="text"
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={`${id}-list`}
        aria-activedescendant={expanded && active >= 0 ? `${id}-option-${active}` : undefined}
        aria-describedby={`${id}-help`}
        className={control}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
          setActive(-1);
          if (event.target.value.trim() === "") setChosen(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <input type="hidden" name="partnerId" value={chosen && text.trim() !== "" ? chosen.id : ""} />
      <p id={`${id}-help`} className="mt-1 text-xs text-slate-700">
        {t("help")}
      </p>
      <ul
        id={`${id}-list`}
        role="listbox"
        aria-label={label}
        hidden={!expanded}
        className="absolute z-10 mt-1 max-h-64 w-full overflow-auto rounded-md border border-slate-500 bg-white shadow"
      >
        {options.map((o, i) => (
          <li
            key={o.id}
            id={`${id}-option-${i}`}
            role="option"
            aria-selected={i === active}
            className={`cursor-pointer px-3 py-2 text-sm ${i === active ? "bg-blue-700 text-white" : "text-slate-900"}`}
            // Chosen on mouse down, before the input's blur closes the list.
            onMouseDown={(event) => {
              event.preventDefault();
              choose(o);
            }}
          >
            {o.name}
          </li>
        ))}
      </ul>
      {expanded && options.length === 0 ? (
        <p role="status" className="mt-1 text-xs text-slate-700">
          {t("none")}
        </p>
      ) : null}
    </div>
  );
}
