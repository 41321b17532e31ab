"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useTranslations } from "next-intl";
import { createContext, type ReactNode, useContext, useId, useState } from "react";
import { Button } from "./button";

interface FormDialogContext {
  /** The id of the dialog's title, for the form's aria-labelledby. */
  titleId: string;
  /** Closes the dialog after a save; the message is announced next to the button that opened it. */
  close: (message?: string) => void;
}

const Context = createContext<FormDialogContext | null>(null);

/** The dialog a form is shown in, or null when it is shown inline. */
export function useFormDialog(): FormDialogContext | null {
  return useContext(Context);
}

/**
 * A form opened on demand: a button opens it in a modal dialog (Radix: focus moves into it and is
 * trapped there, Escape or "Fermer" closes it, and focus returns to the button). The form inside
 * closes it after saving through useFormDialog(), and what it says then is announced politely
 * next to the button.
 */
export function FormDialog({
  label,
  title,
  children,
  variant = "secondary",
  testId,
}: {
  label: string;
  title?: string;
  children: ReactNode;
  variant?: "primary" | "secondary";
  testId?: string;
}) {
  const t = useTranslations("app");
  const [open, setOpen] = useState(false);
  const [said, setSaid] = useState("");
  const titleId = useId();
  const close = (message?: string) => {
    setSaid(message ?? "");
    setOpen(false);
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Dialog.Root
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setSaid("");
        }}
      >
        <Dialog.Trigger asChild>
          <Button type="button" variant={variant} data-testid={testId}>
            {label}
          </Button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
          <Dialog.Content
            aria-labelledby={titleId}
            aria-describedby={undefined}
            className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-[min(48rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-lg bg-white p-6 shadow-xl focus:outline-none"
          >
            <div className="mb-4 flex items-start justify-between gap-4">
              <Dialog.Title id={titleId} className="text-lg font-semibold">
                {title ?? label}
              </Dialog.Title>
              <Dialog.Close className="rounded-md border border-slate-400 px-3 py-1 text-sm hover:bg-slate-100 focus-visible:outline focus-visible:outline-3 focus-visible:outline-blue-700">
                {t("close")}
              </Dialog.Close>
            </div>
            <Context.Provider value={{ titleId, close }}>{children}</Context.Provider>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <p role="status" className="text-sm font-medium text-green-900">
        {said}
      </p>
    </div>
  );
}
