"use client";

import { Button } from "@/components/ui/button";

/** Opens the browser's print dialog (which also saves as PDF). */
export function PrintButton({ label }: { label: string }) {
  return (
    <Button type="button" variant="secondary" onClick={() => window.print()} className="print:hidden">
      {label}
    </Button>
  );
}
