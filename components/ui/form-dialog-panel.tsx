"use client";

import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode, RefObject } from "react";

/**
 * The modal part of FormDialog, in a chunk of its own: Radix's dialog (focus trap, scroll lock,
 * the rest of the page hidden from assistive technologies) is about 7.5 kB of gzipped JavaScript
 * that a page only needs once someone opens a form. FormDialog loads it on the first opening (or
 * as the pointer or the focus reaches its button) and keeps it mounted afterwards.
 */
export default function FormDialogPanel({
  open,
  onOpenChange,
  title,
  titleId,
  closeLabel,
  returnFocusTo,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  titleId: string;
  closeLabel: string;
  /** The button that opened the dialog: Radix has no trigger of its own here to give focus back to. */
  returnFocusTo: RefObject<HTMLButtonElement | null>;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <Dialog.Content
          aria-labelledby={titleId}
          aria-describedby={undefined}
          onCloseAutoFocus={(event) => {
            event.preventDefault();
            returnFocusTo.current?.focus();
          }}
          className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(48rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl focus:outline-none"
        >
          <div className="mb-4 flex items-start justify-between gap-4">
            <Dialog.Title id={titleId} className="text-lg font-semibold">
              {title}
            </Dialog.Title>
            <Dialog.Close className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700">
              {closeLabel}
            </Dialog.Close>
          </div>
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
