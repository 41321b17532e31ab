import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { apiTokens, memberships, users, workspaces } from "../../db/schema";
import { can } from "../../domain/roles";
import { AppError } from "../errors";
import { recordAudit } from "../services/audit/record-audit";
import type { WorkspaceContext } from "../services/context";

/** Tokens read as "mlg_" and 43 base64url characters (256 random bits). */
const PREFIX = "mlg_";

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export const CreateApiTokenInput = z.object({
  name: z.string().trim().min(2, { message: "errors.api.name" }).max(80, { message: "errors.api.name" }),
  scope: z.enum(["read", "read_write"]),
  /** Days until it expires: a token never lives more than a year. */
  days: z.number().int().min(1, { message: "errors.api.days" }).max(365, { message: "errors.api.days" }),
});
export const RevokeApiTokenInput = z.object({ id: z.uuid() });

/**
 * Creates a token for the workspace and returns it once; only its SHA-256 is stored.
 * Permission: workspace.update (admins). Audited (without the token).
 */
export async function createApiToken(ctx: WorkspaceContext, input: z.infer<typeof CreateApiTokenInput>) {
  const token = `${PREFIX}${randomBytes(32).toString("base64url")}`;
  const expiresAt = new Date(Date.now() + input.days * 86_400_000);
  const [row] = await ctx.tx
    .insert(apiTokens)
    .values({
      workspaceId: ctx.workspaceId,
      name: input.name,
      prefix: token.slice(0, 12),
      tokenHash: hashApiToken(token),
      scope: input.scope,
      expiresAt,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: apiTokens.id });
  await recordAudit(ctx, {
    action: "api.token.create",
    entityType: "api_token",
    entityId: row!.id,
    after: { name: input.name, scope: input.scope, expiresAt },
  });
  return { id: row!.id, token, expiresAt };
}

/** The workspace's tokens, newest first, without their secret. Permission: workspace.update. */
export async function listApiTokens(ctx: WorkspaceContext) {
  return ctx.tx
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      scope: apiTokens.scope,
      expiresAt: apiTokens.expiresAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      expired: sql<boolean>`${apiTokens.expiresAt} <= now()`,
      createdAt: apiTokens.createdAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.workspaceId, ctx.workspaceId))
    .orderBy(desc(apiTokens.createdAt))
    .limit(100);
}

/** Revokes a token at once. Permission: workspace.update. Audited. */
export async function revokeApiToken(ctx: WorkspaceContext, id: string) {
  const [row] = await ctx.tx
    .update(apiTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.workspaceId, ctx.workspaceId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id, name: apiTokens.name });
  if (!row) throw new AppError("NOT_FOUND", "errors.api.tokenNotFound");
  await recordAudit(ctx, {
    action: "api.token.revoke",
    entityType: "api_token",
    entityId: id,
    after: { name: row.name },
  });
  return { id };
}

/**
 * The workspace and creator of a presented token, when it is known, not expired nor revoked,
 * and its creator is still an admin of the workspace; null otherwise. Like a session cookie, a
 * token is looked up before any tenant scope exists (as the database owner).
 */
export async function findActiveApiToken(db: Db, token: string | undefined) {
  if (!token) return null;
  const [row] = await db
    .select({
      id: apiTokens.id,
      scope: apiTokens.scope,
      expiresAt: apiTokens.expiresAt,
      revokedAt: apiTokens.revokedAt,
      workspaceId: apiTokens.workspaceId,
      slug: workspaces.slug,
      userId: users.id,
      email: users.email,
      role: memberships.role,
    })
    .from(apiTokens)
    .innerJoin(workspaces, eq(workspaces.id, apiTokens.workspaceId))
    .innerJoin(users, eq(users.id, apiTokens.createdBy))
    .leftJoin(
      memberships,
      and(eq(memberships.workspaceId, apiTokens.workspaceId), eq(memberships.userId, apiTokens.createdBy)),
    )
    .where(eq(apiTokens.tokenHash, hashApiToken(token)));
  if (!row || row.revokedAt || row.expiresAt.getTime() <= Date.now() || !row.role || !can(row.role, "workspace.update"))
    return null;
  return row;
}
