import "server-only";
import { TRPCError } from "@trpc/server";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { env } from "../../env";
import { pageSessionUser } from "../auth/request-session";
import { readCookie, sessionCookieName } from "../auth/session-cookie";
import { appDb, createRequestContext } from "../runtime";
import { createCaller } from "./root";

/** The signed-in user of this render, or null (one session lookup per render, as Auth.js would do it). */
export const currentUser = cache(async () =>
  pageSessionUser(await appDb(), readCookie(await headers(), sessionCookieName(env().APP_URL)) ?? undefined),
);

export async function requireUser() {
  const user = await currentUser();
  if (!user) redirect("/signin");
  return user;
}

/** Server components read through the same procedures as the browser, with the same checks. */
export const serverCaller = cache(async () =>
  createCaller(await createRequestContext(await headers(), await currentUser())),
);

/**
 * The workspace and what the layout shows around every page (switcher, unread count,
 * coordination), read once per render in one call: the layout and the page both need the
 * workspace, and each call through the caller is a transaction of its own.
 */
export const readFrame = cache(async (workspaceSlug: string) =>
  (await serverCaller()).workspaces.frame({ workspaceSlug }),
);

/** The workspace of this render (from the frame: no call of its own). */
export const readWorkspace = cache(async (workspaceSlug: string) => (await readFrame(workspaceSlug)).workspace);

/** Runs a read; a NOT_FOUND (including "not a member") renders the 404 page. */
export async function readOrNotFound<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "FORBIDDEN")) notFound();
    throw error;
  }
}
