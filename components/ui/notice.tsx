import type { ReactNode } from "react";

const tones = {
  info: "border-blue-700 bg-blue-50 text-blue-950",
  success: "border-green-700 bg-green-50 text-green-950",
  error: "border-red-700 bg-red-50 text-red-950",
} as const;

/** A message block; errors are announced assertively, other messages politely. */
export function Notice({
  tone = "info",
  children,
  testId,
}: {
  tone?: keyof typeof tones;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <div
      role={tone === "error" ? "alert" : "status"}
      data-testid={testId}
      className={`rounded-md border-l-4 p-3 text-sm ${tones[tone]}`}
    >
      {children}
    </div>
  );
}
