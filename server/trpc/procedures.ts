import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { memberships, workspaces } from "../../db/schema";
import { enterWorkspace, withScope, type PlanCacheMode } from "../../db/scope";
import { can, type Role } from "../../domain/roles";
import { AppError } from "../errors";
import { checkIdempotencyKey, requestFingerprint, storeAnswer, storedAnswer } from "../services/idempotency";
import type { ServiceContext, WorkspaceContext } from "../services/context";
import { workspaceSlug } from "../services/workspaces/schemas";
import { errorMapping, t, tracing, type ProcedureMeta, type TrpcContext } from "./init";
import { guardInput } from "./input-guard";

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Every procedure: traced, errors mapped, and text inputs free of control characters (input-guard.ts). */
export const publicProcedure = t.procedure
  .use(tracing)
  .use(errorMapping)
  .use(async ({ next, getRawInput }) => {
    guardInput(await getRawInput());
    return next();
  });

/**
 * A signed-in user. The whole call runs in one transaction scoped to that user (request
 * role + app.user_id); a failed call throws inside it so its writes roll back.
 */
export const authedProcedure = publicProcedure.use(async ({ ctx, next, type, path, meta, getRawInput }) => {
  const user = ctx.user;
  if (!user) throw new AppError("UNAUTHORIZED", "errors.trpc.UNAUTHORIZED");
  const key = type === "mutation" ? checkIdempotencyKey(ctx.idempotencyKey) : null;
  const raw = await getRawInput();
  const fingerprint = key ? requestFingerprint(path, raw) : "";
  // A workspace call whose membership an earlier call of this request already found (the
  // layout's frame, then the page's read): the scope enters the workspace at once, one round
  // trip fewer. The workspace middleware still checks the membership and the permission.
  const known = isWorkspaceMeta(meta) ? knownMembership(ctx, user.id, raw) : null;
  // A workspace call that must still look its membership up plans that lookup once per
  // connection (it reads by slug and user, and planning it for its values cost about 0.6 ms of
  // database time on every call); the lookup then sets the procedure's own mode. Other calls
  // keep the connection's mode.
  const plans = known ? plansOf(meta) : isWorkspaceMeta(meta) ? "force_generic_plan" : undefined;
  const committed: Array<() => void> = [];
  const run = () =>
    withScope(ctx.db, { userId: user.id, workspaceId: known?.workspaceId, plans }, async (tx) => {
      if (key) {
        const stored = await storedAnswer(tx, user.id, key, fingerprint);
        if (stored) return replayed(stored.data);
      }
      const service: ServiceContext = {
        tx,
        actor: { userId: user.id, email: user.email },
        requestId: ctx.requestId,
        log: ctx.log.child({ userId: user.id }),
        locale: ctx.locale,
        mailer: ctx.mailer,
        appUrl: ctx.appUrl,
        afterCommit: (task) => committed.push(task),
      };
      const result = await next({ ctx: { service, enteredWorkspace: known?.workspaceId ?? null } });
      if (!result.ok) throw result.error;
      // Stored in the write's own transaction: the key exists exactly when the write committed.
      if (key) {
        const stored = await storeAnswer(tx, user.id, key, fingerprint, result.data);
        if (stored === "twin") throw new DuplicateRequest();
        if (stored === "skipped") ctx.log.warn({ path }, "idempotency key not kept for this write");
      }
      return result;
    });
  let outcome;
  try {
    outcome = await run();
  } catch (error) {
    if (!(error instanceof DuplicateRequest)) throw error;
    // The same request, sent twice at once, committed first elsewhere: this one's write was
    // rolled back, and it answers what the first one stored.
    committed.length = 0;
    ctx.log.info({ path }, "idempotent request answered by a concurrent twin");
    outcome = await run();
  }
  for (const task of committed) task();
  return outcome;
});

/** Thrown inside the transaction to roll back a write whose key another request stored first. */
class DuplicateRequest extends Error {}

/**
 * A stored answer given back as the procedure's result. tRPC's middleware results carry a marker
 * that only next() sets; a replay does not call next(), so it sets the same marker itself
 * ("middlewareMarker" in @trpc/server 11.22, pinned; the idempotency tests replay through it).
 */
function replayed(data: unknown) {
  return { ok: true as const, data, marker: "middlewareMarker" as never };
}

type Membership = { workspaceId: string; role: Role };

/** Lookups of this process's contexts that have settled, with what they found. */
const settled = new WeakMap<Promise<Membership | null>, Membership | null>();

/** Whether a procedure's meta names a workspace permission (a workspaceProcedure's). */
function isWorkspaceMeta(meta: ProcedureMeta | undefined): boolean {
  return Boolean(meta?.permission && meta.permission !== "public" && meta.permission !== "authed");
}

/** How a workspace call's statements are planned (ProcedureMeta.plans). */
function plansOf(meta: ProcedureMeta | undefined): PlanCacheMode {
  return meta?.plans === "generic" ? "force_generic_plan" : "force_custom_plan";
}

/** The membership an earlier call of this context found for the raw input's workspace, if settled. */
function knownMembership(ctx: TrpcContext, userId: string, raw: unknown): Membership | null {
  const slug = (raw as { workspaceSlug?: unknown } | null)?.workspaceSlug;
  if (typeof slug !== "string") return null;
  const lookup = ctx.memberships.get(`${userId}:${slug}`);
  return (lookup && settled.get(lookup)) ?? null;
}

/**
 * The caller's membership of the workspace named `slug`; when found, the same statement narrows
 * the transaction to that workspace (app.workspace_id), saving a round trip per call.
 */
async function resolveMembership(
  service: ServiceContext,
  slug: string,
  plans: PlanCacheMode,
): Promise<{ workspaceId: string; role: Role } | null> {
  const [row] = await service.tx
    .select({
      workspaceId: workspaces.id,
      role: memberships.role,
      entered: sql<string>`set_config('app.workspace_id', ${workspaces.id}::text, true)`,
      // For the statements that follow in this transaction (see ProcedureMeta.plans).
      plans: sql<string>`set_config('plan_cache_mode', ${plans}, true)`,
    })
    .from(workspaces)
    .innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
    .where(and(eq(workspaces.slug, slug), eq(memberships.userId, service.actor.userId)));
  return row ? { workspaceId: row.workspaceId, role: row.role } : null;
}

/**
 * A member of the workspace named by `workspaceSlug`, holding the permission the procedure
 * declares (`.meta({ permission })`, next to its definition). Non-members get NOT_FOUND (a
 * workspace's existence is never revealed); members without the permission get FORBIDDEN; a
 * procedure that declares no workspace permission is refused outright.
 */
export const workspaceProcedure = authedProcedure
  .input(z.object({ workspaceSlug }))
  .use(async ({ ctx, input, path, meta, next }) => {
    const permission = meta?.permission;
    if (!permission || permission === "public" || permission === "authed") {
      throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `No workspace permission declared for ${path}` });
    }
    const memoKey = `${ctx.service.actor.userId}:${input.workspaceSlug}`;
    // Calls of one batch share the lookup; each runs in its own transaction, so a call that
    // reuses another's lookup narrows its own transaction itself.
    const plans = plansOf(meta);
    let lookup = ctx.memberships.get(memoKey);
    const reused = lookup !== undefined;
    if (!lookup) {
      const started = resolveMembership(ctx.service, input.workspaceSlug, plans);
      started.then(
        (found) => settled.set(started, found),
        () => {},
      );
      lookup = started;
      ctx.memberships.set(memoKey, lookup);
    }
    const membership = await lookup;
    if (!membership) throw new AppError("NOT_FOUND", "errors.workspace.notFound");
    if (!can(membership.role, permission)) throw new AppError("FORBIDDEN", "errors.trpc.FORBIDDEN");
    // A reused lookup narrows this call's own transaction, unless its scope already entered this
    // very workspace (the scope went by the raw slug; the parsed, trimmed and lower-cased one decides).
    if (reused && ctx.enteredWorkspace !== membership.workspaceId)
      await enterWorkspace(ctx.service.tx, membership.workspaceId, plans);
    const workspace: WorkspaceContext = { ...ctx.service, ...membership };
    return next({ ctx: { workspace } });
  });

/** Drops the workspace slug that workspaceProcedure consumed, keeping the service's own input. */
export function withoutSlug<T extends { workspaceSlug: string }>(input: T): Omit<T, "workspaceSlug"> {
  const { workspaceSlug: _slug, ...rest } = input;
  return rest;
}
