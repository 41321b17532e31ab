import type { ReactNode } from "react";

export interface Description {
  term: ReactNode;
  detail: ReactNode;
  /** Marks the detail for tests. */
  testId?: string;
}

/** Terms and their details in two aligned columns (a <dl>): the facts of a record. */
export function DescriptionList({
  items,
  testId,
  className = "max-w-3xl",
}: {
  items: Description[];
  testId?: string;
  className?: string;
}) {
  return (
    <dl className={`grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 ${className}`} data-testid={testId}>
      {items.map((item, i) => (
        <div key={i} className="contents">
          <dt className="font-medium">{item.term}</dt>
          <dd data-testid={item.testId}>{item.detail}</dd>
        </div>
      ))}
    </dl>
  );
}
