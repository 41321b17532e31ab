import { sql } from "drizzle-orm";
import type { Db } from "./client";

/** The request role every tenant transaction switches to; row-level security binds it. */
export const REQUEST_ROLE = "maillage_app";

export interface Scope {
  userId?: string | null;
  workspaceId?: string | null;
  /** Lets the invitee read the one invitation whose token it presents, before it is a member. */
  invitationTokenHash?: string | null;
  /** How the transaction's statements are planned, when set with the scope (see enterWorkspace). */
  plans?: PlanCacheMode;
}

/**
 * Runs `fn` in a transaction bound to a scope: the settings are transaction-local
 * (set_config(..., true)) so they never leak to the next user of a pooled connection,
 * and the role switch makes the row-level-security policies apply.
 */
export async function withScope<T>(db: Db, scope: Scope, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    // One round trip: set_config('role', …, true) is SET LOCAL ROLE, last so the settings
    // above are written by the connecting role.
    await tx.execute(sql`select
      set_config('app.user_id', ${scope.userId ?? ""}, true),
      set_config('app.workspace_id', ${scope.workspaceId ?? ""}, true),
      set_config('app.invitation_token_hash', ${scope.invitationTokenHash ?? ""}, true),${
        scope.plans ? sql` set_config('plan_cache_mode', ${scope.plans}, true),` : sql``
      }
      set_config('role', ${REQUEST_ROLE}, true)`);
    return fn(tx as unknown as Db);
  });
}

/** How PostgreSQL plans a transaction's prepared statements (server/trpc/init.ts, ProcedureMeta.plans). */
export type PlanCacheMode = "force_custom_plan" | "force_generic_plan";

/**
 * Narrows an open scoped transaction to one workspace (after membership was checked in code),
 * and sets how its statements are planned when a mode is given.
 */
export async function enterWorkspace(tx: Db, workspaceId: string, plans?: PlanCacheMode): Promise<void> {
  await tx.execute(
    plans
      ? sql`select set_config('app.workspace_id', ${workspaceId}, true), set_config('plan_cache_mode', ${plans}, true)`
      : sql`select set_config('app.workspace_id', ${workspaceId}, true)`,
  );
}

/**
 * Runs one statement of a transaction with a generic plan, whatever the transaction's mode: for
 * a statement that reads by key, whose plan does not depend on its values but costs much to make
 * (the alliance list's page rows by stored id: about 4.5 ms of planning under row-level
 * security, for each of its executions). The mode is set before it and put back after it in
 * the same round trip: the three statements are sent together, in this order, on the
 * transaction's connection.
 */
export async function plannedGenerically<T>(tx: Db, statement: () => PromiseLike<T>): Promise<T> {
  // Each is started (its `then` called) in turn, so the connection receives them in this order
  // whether `statement` returns a query not yet sent or one already on its way.
  const set = tx
    .execute(
      sql`select set_config('app.plans_before', current_setting('plan_cache_mode'), true), set_config('plan_cache_mode', 'force_generic_plan', true)`,
    )
    .then(() => undefined);
  const result = statement().then((value) => value);
  const reset = tx
    .execute(sql`select set_config('plan_cache_mode', current_setting('app.plans_before'), true)`)
    .then(() => undefined);
  const [, value] = await Promise.all([set, result, reset]);
  return value;
}

/** The role of public-library requests: public columns of published alliances, nothing else. */
export const PUBLIC_ROLE = "maillage_public";

/**
 * Runs `fn` as an anonymous reader of the public library: no user, no workspace, and the
 * maillage_public role, whose column grants and policies expose only what every party of an
 * alliance approved for publication.
 */
export async function withPublicScope<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('app.user_id', '', true), set_config('app.workspace_id', '', true), set_config('app.invitation_token_hash', '', true), set_config('role', ${PUBLIC_ROLE}, true)`,
    );
    return fn(tx as unknown as Db);
  });
}
