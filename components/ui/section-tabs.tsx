"use client";

import * as Tabs from "@radix-ui/react-tabs";
import { useSearchParams } from "next/navigation";
import type { ReactNode } from "react";

export interface Section {
  id: string;
  label: string;
  /** A count or a word shown after the label (for example the number of contributions). */
  badge?: string;
  content: ReactNode;
}

/**
 * A page's sections as tabs (Radix: arrow keys move between tabs, Tab goes into the panel). The
 * chosen section lives in the URL (`?section=…`, left out for the first one), so a link or a
 * bookmark reaches it; switching rewrites the URL in place, with no request.
 * Every panel is rendered on the server and kept mounted, so a half-filled form survives a trip
 * to another tab; inactive panels are display:none, out of the Tab order and the reading order.
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
  const fromUrl = search.get(param);
  const current = sections.some((s) => s.id === fromUrl) ? fromUrl! : initial;
  const select = (id: string) => {
    const params = new URLSearchParams(search.toString());
    if (id === sections[0]?.id) params.delete(param);
    else params.set(param, id);
    const query = params.toString();
    // Replaced rather than pushed: arrow keys select as they move, and each press is not a page to
    // go back to. Next.js keeps useSearchParams in step with history.replaceState.
    window.history.replaceState(null, "", `${window.location.pathname}${query ? `?${query}` : ""}`);
  };
  return (
    <Tabs.Root value={current} onValueChange={select} className="space-y-4">
      <Tabs.List
        aria-label={label}
        className="flex flex-wrap gap-1 border-b border-slate-300"
        data-testid="section-tabs"
      >
        {sections.map((s) => (
          <Tabs.Trigger
            key={s.id}
            value={s.id}
            className="-mb-px rounded-t-md border border-transparent px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700 data-[state=active]:border-slate-300 data-[state=active]:border-b-white data-[state=active]:bg-white data-[state=active]:text-blue-900"
          >
            {s.label}
            {s.badge ? (
              <span className="ml-1.5 rounded-full bg-slate-200 px-1.5 text-xs text-slate-900">{s.badge}</span>
            ) : null}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {sections.map((s) => (
        <Tabs.Content
          key={s.id}
          value={s.id}
          forceMount
          className="space-y-6 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700 data-[state=inactive]:hidden"
        >
          {s.content}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
