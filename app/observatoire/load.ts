import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { readOrNotFound, serverCaller } from "@/server/trpc/server-caller";

/**
 * One scope's observatory for this render (the metadata and the page share the read). A code
 * of the wrong shape or an unknown région is a page that does not exist.
 */
export const loadObservatory = cache(async (scope: "france" | "region" | "goal", code?: string) => {
  const caller = await serverCaller();
  return readOrNotFound(async () => {
    try {
      return await caller.observatory.get({ scope, code });
    } catch (error) {
      if ((error as { code?: string }).code === "BAD_REQUEST") notFound();
      throw error;
    }
  });
});
