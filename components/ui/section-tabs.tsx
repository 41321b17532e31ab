"use client";

import { useSearchParams } from "next/navigation";
import { useId, useRef, type KeyboardEvent, type ReactNode } from "react";

export interface Section {
  id: string;
  label: string;
  /** A count or a word shown after the label (for example the number of contributions). */
  badge?: string;
  content: ReactNode;
}

/**
 * A page's sections as tabs, after the WAI-ARIA Authoring Practices' tabs pattern with automatic
 * activation: one tab in the Tab order (the selected one), the arrow keys, Home and End move
 * between tabs and select as they go, Tab goes on into the panel. The chosen section lives in the
 * URL (`?section=…`, left out for the first one), so a link or a bookmark reaches it; switching
 * rewrites the URL in place, with no request.
 * Every panel is rendered on the server and kept mounted, so a half-filled form survives a trip
 * to another tab; inactive panels are `hidden`, out of the Tab order and the reading order.
 *
 * Written here rather than with Radix Tabs, which the page used before: the pattern is these few
 * lines, while Radix's tabs brought about 9.1 kB of gzipped JavaScript (roving focus, collection,
 * presence) to the alliance page's first load (BENCHMARKS.md, issue 27's fourth pass).
 */
export function SectionTabs({
  sections,
  label,
  initial,
  param = "section",
}: {
  sections: Section[];
  label: string;
  initial: string;
  param?: string;
}) {
  const search = useSearchParams();
  const prefix = useId();
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);
  const fromUrl = search.get(param);
  const current = sections.some((s) => s.id === fromUrl) ? fromUrl! : initial;
  const select = (id: string) => {
    if (id === current) return;
    const params = new URLSearchParams(search.toString());
    if (id === sections[0]?.id) params.delete(param);
    else params.set(param, id);
    const query = params.toString();
    // Replaced rather than pushed: arrow keys select as they move, and each press is not a page to
    // go back to. Next.js keeps useSearchParams in step with history.replaceState.
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
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
      {sections.map((s) => (
        <div
          key={s.id}
          role="tabpanel"
          id={panelId(s.id)}
          aria-labelledby={tabId(s.id)}
          tabIndex={0}
          hidden={s.id !== current}
          data-state={s.id === current ? "active" : "inactive"}
          className="space-y-6 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700"
        >
          {s.content}
        </div>
      ))}
    </div>
  );
}
