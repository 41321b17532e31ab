"use client";

import { useMutation } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/providers/trpc";

/** Opening the inbox counts as reading it: the unread count resets from the next page on. */
export function MarkNotificationsRead({ workspaceSlug }: { workspaceSlug: string }) {
  const trpc = useTRPC();
  const mark = useMutation(trpc.notifications.markAllRead.mutationOptions());
  const sent = useRef(false);
  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    mark.mutate({ workspaceSlug });
  }, [mark, workspaceSlug]);
  return null;
}
