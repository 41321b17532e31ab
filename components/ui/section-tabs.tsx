"use client";

import { useRouter, useSearchParams } from "next/navigation";
import { useId, useRef, useState, useTransition, type KeyboardEvent, type ReactNode } from "react";

export interface Section {
  id: string;
  label: string;
  /** A count or a word shown after the label (for example the number of contributions). */
  badge?: string;
  /**
   * The section's content, given for the section the URL names and left out for the others: the
   * server renders one section per request (issue 27: the alliance page's eight sections were
   * 125 kB of HTML, its guide alone 25 kB).
   */
  content?: ReactNode;
}

/**
 * A page's sections as tabs, after the WAI-ARIA Authoring Practices' tabs pattern with automatic
 * activation: one tab in the Tab order (the selected one), the arrow keys, Home and End move
 * between tabs and select as they go, Tab goes on into the panel.
 *
 * The chosen section lives in the URL (`?section=…`, left out for the first one), so a link or a
 * bookmark reaches it, and the server renders only that section. Selecting another tab selects it
 * at once and asks the server for its section in a transition (the URL is replaced, not pushed:
 * arrow keys select as they move, and each press is not a page to go back to). Until the answer
 * comes, the panel shows what it showed last time, or a loading notice the first time.
 *
 * Panels once shown stay mounted, hidden while another tab is selected, so a half-filled form
 * survives a trip to another tab; the fresh content the server sends on return has the same
 * shape and keeps that state. Inactive panels are `hidden`, out of the Tab order and the reading
 * order; every tab's panel exists, empty until first shown, so `aria-controls` always points at one.
 *
 * Written here rather than with Radix Tabs, which the page used before: the pattern is these few
 * lines, while Radix's tabs brought about 9.1 kB of gzipped JavaScript to the alliance page's first
 * load (BENCHMARKS.md, issue 27's fourth pass).
 */
export function SectionTabs({
  sections,
  label,
  initial,
  loadingLabel,
  param = "section",
}: {
  sections: Section[];
  label: string;
  /** The section the server rendered: the one the URL names, or the first. */
  initial: string;
  loadingLabel: string;
  param?: string;
}) {
  const router = useRouter();
  const search = useSearchParams();
  const prefix = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const [pending, startTransition] = useTransition();
  // The tab a person chose, ahead of the URL while the server renders its section.
  const [chosen, setChosen] = useState<string | null>(null);
  const fromUrl = search.get(param) ?? sections[0]?.id;
  const inUrl = sections.some((s) => s.id === fromUrl) ? fromUrl! : initial;
  const current = chosen ?? inUrl;

  // What each panel showed last, kept across requests; the server's latest content wins. (State
  // set during render, React's pattern for state derived from props: no extra render pass.)
  const [shown, setShown] = useState<Record<string, ReactNode>>({});
  const rendered = sections.find((s) => s.content !== undefined);
  if (rendered && shown[rendered.id] !== rendered.content) setShown({ ...shown, [rendered.id]: rendered.content });
  if (chosen !== null && chosen === inUrl && !pending) setChosen(null);

  const select = (id: string) => {
    if (id === current) return;
    setChosen(id);
    const params = new URLSearchParams(search.toString());
    if (id === sections[0]?.id) params.delete(param);
    else params.set(param, id);
    const query = params.toString();
    startTransition(() => router.replace(`${window.location.pathname}${query ? `?${query}` : ""}`, { scroll: false }));
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const at = sections.findIndex((s) => s.id === current);
    const to = {
      ArrowRight: (at + 1) % sections.length,
      ArrowLeft: (at - 1 + sections.length) % sections.length,
      Home: 0,
      End: sections.length - 1,
    }[event.key];
    if (to === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    select(sections[to]!.id);
    tabs.current[to]?.focus();
  };
  const tabId = (id: string) => `${prefix}-tab-${id}`;
  const panelId = (id: string) => `${prefix}-panel-${id}`;
  return (
    <div className="space-y-4">
      <div
        role="tablist"
        aria-label={label}
        aria-orientation="horizontal"
        onKeyDown={onKeyDown}
        className="flex flex-wrap gap-1 border-b border-slate-300"
        data-testid="section-tabs"
      >
        {sections.map((s, i) => {
          const selected = s.id === current;
          return (
            <button
              key={s.id}
              ref={(element) => {
                tabs.current[i] = element;
              }}
              type="button"
              role="tab"
              id={tabId(s.id)}
              aria-selected={selected}
              aria-controls={panelId(s.id)}
              tabIndex={selected ? 0 : -1}
              data-state={selected ? "active" : "inactive"}
              onClick={() => select(s.id)}
              className="-mb-px rounded-t-md border border-transparent px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700 data-[state=active]:border-slate-300 data-[state=active]:border-b-white data-[state=active]:bg-white data-[state=active]:text-blue-900"
            >
              {s.label}
              {s.badge ? (
                <span className="ml-1.5 rounded-full bg-slate-200 px-1.5 text-xs text-slate-900">{s.badge}</span>
              ) : null}
            </button>
          );
        })}
      </div>
      {sections.map((s) => {
        const selected = s.id === current;
        const content = s.content !== undefined ? s.content : shown[s.id];
        return (
          <div
            key={s.id}
            role="tabpanel"
            id={panelId(s.id)}
            aria-labelledby={tabId(s.id)}
            aria-busy={selected && pending ? true : undefined}
            tabIndex={0}
            hidden={!selected}
            data-state={selected ? "active" : "inactive"}
            className="space-y-6 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
          >
            {content === undefined ? (
              selected ? (
                <p role="status" className="text-slate-700">
                  {loadingLabel}
                </p>
              ) : null
            ) : (
              content
            )}
          </div>
        );
      })}
    </div>
  );
}
