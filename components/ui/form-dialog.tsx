"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { createContext, type ReactNode, useContext, useId, useRef, useState } from "react";
import { Button } from "./button";

interface FormDialogContext {
  /** The id of the dialog's title, for the form's aria-labelledby. */
  titleId: string;
  /** Closes the dialog after a save; the message is announced next to the button that opened it. */
  close: (message?: string) => void;
}

const loadPanel = () => import("./form-dialog-panel");
const FormDialogPanel = dynamic(loadPanel, { ssr: false });

const Context = createContext<FormDialogContext | null>(null);

/** The dialog a form is shown in, or null when it is shown inline. */
export function useFormDialog(): FormDialogContext | null {
  return useContext(Context);
}

/**
 * A form opened on demand: a button opens it in a modal dialog (Radix, loaded on first use: focus
 * moves into it and is trapped there, Escape or "Fermer" closes it, and focus returns to the
 * button). The form inside closes it after saving through useFormDialog(), and what it says then
 * is announced politely next to the button.
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
  // Set on the first opening: the dialog's code is fetched then, and stays mounted afterwards.
  const [opened, setOpened] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const [said, setSaid] = useState("");
  const titleId = useId();
  const close = (message?: string) => {
    setSaid(message ?? "");
    setOpen(false);
  };
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        ref={button}
        type="button"
        variant={variant}
        data-testid={testId}
        aria-haspopup="dialog"
        aria-expanded={open}
        onPointerEnter={() => void loadPanel()}
        onFocus={() => void loadPanel()}
        onClick={() => {
          setSaid("");
          setOpened(true);
          setOpen(true);
        }}
      >
        {label}
      </Button>
      {opened ? (
        <FormDialogPanel
          open={open}
          onOpenChange={setOpen}
          title={title ?? label}
          titleId={titleId}
          closeLabel={t("close")}
          returnFocusTo={button}
        >
          <Context.Provider value={{ titleId, close }}>{children}</Context.Provider>
        </FormDialogPanel>
      ) : null}
      <p role="status" className="text-sm font-medium text-green-900">
        {said}
      </p>
    </div>
  );
}
