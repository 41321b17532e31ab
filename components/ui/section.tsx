import type { ReactNode } from "react";

/**
 * A titled part of a page: an h2 (or h3) that names the section for screen readers, an optional
 * introduction, then the content. The id names the heading; `testId` marks the section.
 */
export function Section({
  id,
  title,
  intro,
  level = 2,
  className = "space-y-3",
  testId,
  children,
}: {
  id: string;
  title: ReactNode;
  intro?: ReactNode;
  level?: 2 | 3;
  className?: string;
  testId?: string;
  children?: ReactNode;
}) {
  const Heading = level === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} className={className} data-testid={testId}>
      <Heading id={id} className={level === 2 ? "text-xl font-semibold" : "text-lg font-semibold"}>
        {title}
      </Heading>
      {intro ? <p className="max-w-3xl text-sm text-slate-800">{intro}</p> : null}
      {children}
    </section>
  );
}
