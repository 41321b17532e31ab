import { sql } from "drizzle-orm";
import { isConnectionLoss, type Db } from "../../db/client";
import { resultRows } from "../../db/rows";
import type { WorkspaceContext } from "./context";

/** What a computation returns: the figures, and when time alone makes them wrong (null: never). */
export interface Computed<T> {
  value: T;
  validUntil: Date | null;
}

/** The same parameters always give the same key: keys sorted, missing (undefined or null) values left out. */
export function figuresKey(params: Record<string, unknown>): string {
  return JSON.stringify(
    Object.fromEntries(
      Object.entries(params)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([a], [b]) => a.localeCompare(b)),
    ),
  );
}

/** Change rows a workspace may pile up before a reader folds them into its compacted count. */
const COMPACT_AFTER = 32;
/**
 * Stored rows kept per workspace: every set of filters gets its own row until the next change, so
 * a workspace that changes rarely but is filtered many ways keeps only its most recent ones.
 */
export const MAX_STORED = 300;

/**
 * Figures of the workspace read from `workspace_figures` when they were computed at the
 * workspace's current data version and have not expired; computed by `compute` and stored
 * otherwise (migrations 0034, 0035). Every change to the tables these figures read adds a row
 * per party workspace and transaction to `workspace_changes`; the version is the count of those
 * rows plus the compacted count in `workspace_data_versions`, so each committed change raises
 * it. The version is read before `compute` runs, so figures are never stamped with a version
 * newer than the data they saw: a change committed meanwhile raises the version past the stamp
 * and the next read computes again. Row-level security keeps each workspace's rows to its
 * members. `compute` receives the next midnight (of the database's time zone and of UTC,
 * whichever comes first), after which any figure counted from today's date is stale.
 */
export async function storedFigures<T>(
  ctx: WorkspaceContext,
  kind: string,
  params: Record<string, unknown>,
  compute: (midnight: Date) => Promise<Computed<T>>,
): Promise<T> {
  return (await storedFiguresEntry(ctx, kind, params, compute)).value;
}

/** The same, with the instant the figures expire (null: only a change of data makes them stale). */
export async function storedFiguresEntry<T>(
  ctx: WorkspaceContext,
  kind: string,
  params: Record<string, unknown>,
  compute: (midnight: Date) => Promise<Computed<T>>,
): Promise<Computed<T>> {
  const [entry] = await storedFiguresEntries(ctx, [{ kind, params, compute }]);
  return entry!;
}

/** One set of figures asked of storedFiguresEntries. */
export interface FiguresRequest<T> {
  kind: string;
  params: Record<string, unknown>;
  compute: (midnight: Date) => Promise<Computed<T>>;
}

type Entries<R extends readonly FiguresRequest<unknown>[]> = {
  [K in keyof R]: R[K] extends FiguresRequest<infer T> ? Computed<T> : never;
};

/**
 * Several sets of figures of one workspace, their stored rows and the workspace's data version
 * read in one statement (one round trip, and one count of the change rows, instead of one per
 * set). Those that are missing or stale are then computed and stored one after the other, in
 * the order asked: each store runs in its own savepoint, and two savepoints must not interleave
 * on the transaction's one connection. Every set is stamped with the version read before any
 * computation, as storedFigures explains.
 */
export async function storedFiguresEntries<const R extends readonly FiguresRequest<unknown>[]>(
  ctx: WorkspaceContext,
  requests: R,
): Promise<Entries<R>> {
  const keys = requests.map((r) => figuresKey(r.params));
  const asked = sql.join(
    requests.map((r, i) => sql`(${i}::int, ${r.kind}::text, ${keys[i]}::text)`),
    sql`, `,
  );
  const states = resultRows<{
    n: number;
    version: string;
    pending: number;
    data_version: string | null;
    fresh: boolean | null;
    valid_until: Date | string | null;
    payload: unknown;
    midnight: Date | string;
  }>(
    await ctx.tx.execute(sql`
      select k.n, (coalesce((select v.version from workspace_data_versions v where v.workspace_id = ${ctx.workspaceId}), 0) + c.pending)::text as version, c.pending::int as pending,
        f.data_version::text as data_version, (f.valid_until is null or f.valid_until > now()) as fresh, f.valid_until, f.payload,
        least((current_date + 1)::timestamptz, (date_trunc('day', now() at time zone 'UTC') + interval '1 day') at time zone 'UTC') as midnight
      from (select count(*) as pending from workspace_changes w where w.workspace_id = ${ctx.workspaceId}) as c
      cross join (values ${asked}) as k(n, kind, params)
      left join workspace_figures f on f.workspace_id = ${ctx.workspaceId} and f.kind = k.kind and f.params = k.params
      order by k.n`),
  );
  const { version, pending, midnight } = states[0]!;
  let compacted = false;
  const entries: Computed<unknown>[] = [];
  for (const [i, request] of requests.entries()) {
    const state = states[i]!;
    if (state.payload !== null && state.data_version === version && state.fresh) {
      entries.push({
        value: state.payload,
        validUntil: state.valid_until === null ? null : new Date(state.valid_until),
      });
      continue;
    }
    const { value, validUntil } = await request.compute(new Date(midnight));
    await storeQuietly(ctx, async (tx) => {
      if (pending >= COMPACT_AFTER && !compacted) {
        await compact(tx, ctx.workspaceId);
        compacted = true;
      }
      // Keep the newest figures when readers of several processes store at once; drop what older
      // versions left, and the least recently computed rows beyond MAX_STORED.
      await tx.execute(sql`
        insert into workspace_figures (workspace_id, kind, params, data_version, valid_until, payload)
        values (${ctx.workspaceId}, ${request.kind}, ${keys[i]}, ${version}::bigint, ${validUntil ? validUntil.toISOString() : null}::timestamptz, ${JSON.stringify(value)}::jsonb)
        on conflict (workspace_id, kind, params) do update
          set data_version = excluded.data_version, computed_at = excluded.computed_at, valid_until = excluded.valid_until, payload = excluded.payload
          where workspace_figures.data_version <= excluded.data_version`);
      await tx.execute(sql`
        delete from workspace_figures f where f.workspace_id = ${ctx.workspaceId}
          and (f.data_version < ${version}::bigint
               or (f.kind, f.params) in (select o.kind, o.params from workspace_figures o where o.workspace_id = ${ctx.workspaceId}
                                         order by o.computed_at desc, o.kind, o.params offset ${MAX_STORED}))`);
    });
    entries.push({ value, validUntil });
  }
  // No store folded them (every set was fresh, or the stores were skipped): the reader still
  // folds a long tail of change rows for the next ones.
  if (pending >= COMPACT_AFTER && !compacted) await storeQuietly(ctx, (tx) => compact(tx, ctx.workspaceId));
  return entries as Entries<R>;
}

/**
 * Runs the writes a read makes to keep its figures for the next reader, so that they can never
 * make the read fail. Two readers of one workspace storing at once locked figure and change rows
 * in opposite orders and deadlocked, and the pages answered 500. So at most one transaction
 * per workspace stores at a time: the others skip storing (a transaction-level advisory lock,
 * tried and never waited for). The writes run in a savepoint: if they fail all the same (a lock
 * timeout, a row a writer holds), they are rolled back and the read still answers. A lost
 * connection is not swallowed: the read could not answer anyway.
 */
async function storeQuietly(ctx: WorkspaceContext, write: (tx: Db) => Promise<void>): Promise<void> {
  const [lock] = resultRows<{ locked: boolean }>(
    await ctx.tx.execute(
      sql`select pg_try_advisory_xact_lock(hashtext('maillage.workspace_figures'), hashtext(${ctx.workspaceId}::text)) as locked`,
    ),
  );
  if (!lock?.locked) return;
  try {
    await ctx.tx.transaction(async (savepoint) => {
      // Bounded, so a store never waits long behind a writer's row lock; the setting it replaced
      // is put back before the savepoint is released (a rolled-back savepoint undoes it by itself).
      const [saved] = resultRows<{ previous: string }>(
        await savepoint.execute(
          sql`select current_setting('lock_timeout') as previous, set_config('lock_timeout', '200ms', true)`,
        ),
      );
      await write(savepoint as unknown as Db);
      await savepoint.execute(sql`select set_config('lock_timeout', ${saved!.previous}, true)`);
    });
  } catch (error) {
    if (isConnectionLoss(error)) throw error;
    ctx.log.warn({ err: error }, "stored figures not saved; the read answers without them");
  }
}

/**
 * Folds the workspace's committed change rows into its compacted count, in one statement: the
 * total, hence the version, stays the same. Rows of transactions still running are not visible
 * here and stay.
 */
async function compact(tx: Db, workspaceId: string) {
  await tx.execute(sql`
    with moved as (delete from workspace_changes where workspace_id = ${workspaceId} returning 1)
    insert into workspace_data_versions (workspace_id, version)
    select ${workspaceId}, count(*) from moved
    on conflict (workspace_id) do update set version = workspace_data_versions.version + excluded.version`);
}

/**
 * Folds the change rows of every workspace that has at least `minRows` of them (the job runner
 * calls it, for workspaces whose figures nobody reads); returns how many workspaces it folded.
 * Runs as maillage_figures through `app_figures_compact()` (migration 0036).
 */
export async function compactWorkspaceChanges(db: Db, minRows = COMPACT_AFTER): Promise<number> {
  const [row] = resultRows<{ folded: number }>(await db.execute(sql`select app_figures_compact(${minRows}) as folded`));
  return row?.folded ?? 0;
}

/**
 * How late a figure may show a change that comes from time passing alone (a status light turning,
 * a cycle leaving the 24-month window). Across thousands of alliances one of those turns every
 * hour or so; following each to the second would recompute a large workspace's figures all day.
 */
export const TIME_RULE_LAG_MS = 60 * 60 * 1000;

/**
 * When figures computed now stop being right: at midnight, or at the first time-based turn, but
 * no sooner than TIME_RULE_LAG_MS from now.
 */
export function expiry(midnight: Date, ...turns: Array<Date | null | undefined>): Date {
  const notBefore = Date.now() + TIME_RULE_LAG_MS;
  return earliest(midnight, ...turns.map((t) => (t ? new Date(Math.max(t.getTime(), notBefore)) : null)))!;
}

/** The earliest of several instants, ignoring the missing ones. */
export function earliest(...instants: Array<Date | null | undefined>): Date | null {
  const times = instants
    .filter((d): d is Date => d instanceof Date && !Number.isNaN(d.getTime()))
    .map((d) => d.getTime());
  return times.length ? new Date(Math.min(...times)) : null;
}
