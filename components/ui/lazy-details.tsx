"use client";

import { useState, type ReactNode } from "react";

/**
 * A native `<details>` whose content is drawn in the browser when it is first opened (and from
 * then on kept), for long content most visitors never open: drawn by the server it would travel
 * twice, as markup and in React's payload. `initiallyOpen` draws it open, content included, from
 * the server. The summary is keyboard-operable as any `<summary>`.
 */
export function LazyDetails({
  summary,
  initiallyOpen = false,
  className,
  testId,
  children,
}: {
  summary: ReactNode;
  initiallyOpen?: boolean;
  className?: string;
  testId?: string;
  /** The content, asked for only once the disclosure has been opened. */
  children: () => ReactNode;
}) {
  const [opened, setOpened] = useState(initiallyOpen);
  return (
    <details
      className={className}
      open={initiallyOpen ? true : undefined}
      onToggle={(event) => {
        if (event.currentTarget.open) setOpened(true);
      }}
      data-testid={testId}
    >
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium text-blue-800 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700">
        {summary}
      </summary>
      {opened ? children() : null}
    </details>
  );
}
