import { sql } from "drizzle-orm";
import { DEFAULT_QUESTIONS } from "../domain/evaluation";
import { SDG_TARGET_CODES } from "../domain/sdg";
import { territory } from "../domain/territory-data";
import type { Db } from "./client";
import { resultRows } from "./rows";

/**
 * A synthetic France for the national-scale benchmark, generated inside the database with
 * INSERT … SELECT over generate_series (no row crosses the wire). Deterministic for a seed:
 * every random choice is a hash of (row number, seed, purpose), and every id is derived from
 * its row number, so two runs with the same seed give the same rows.
 *
 * Full scale: 350,000 organisations (associations, companies, collectivités…) placed in
 * communes weighted by population, 20,000 workspaces with an owner each, 1.2 million alliances
 * (modes, stages, 1–4 SDG targets, territory, dates over ten years; workspace 1 holds 5,000,
 * workspace 2 is a large company), 5 million contribution entries, 1 million evaluation
 * answers and 2 million indicator results. `scale` multiplies every count.
 */
export interface NationalOptions {
  scale: number;
  seed: number;
  log?: (step: string, ms: number) => void;
}

/** Row counts at a scale (at least one of each, so small scales still exercise every table). */
export function nationalCounts(scale: number) {
  const n = (full: number) => Math.max(1, Math.round(full * scale));
  const workspaces = Math.max(3, n(20_000));
  return {
    organisations: Math.max(workspaces + 10, n(350_000)),
    workspaces,
    alliances: Math.max(10, n(1_200_000)),
    /** The workspace the list benchmark reads holds this many alliances (5,000 at full scale). */
    bigWorkspace: Math.max(5, Math.min(5_000, n(1_200_000) / 4)),
    /** The company whose SDG report is timed. */
    companyWorkspace: Math.max(3, Math.min(3_000, n(1_200_000) / 8)),
    contributions: n(5_000_000),
    answers: n(1_000_000),
    results: n(2_000_000),
  };
}

/**
 * Whether the national dataset is in the database: not at all, fully, or partly. A load that ran
 * in lanes commits as it goes, so one that stopped halfway left its rows without the secondary
 * indexes it builds last (`alliances_updated_idx` among them); loading again would collide with
 * those rows, whose ids derive from their numbers.
 */
export async function nationalLoadState(db: Db): Promise<"empty" | "loaded" | "unfinished"> {
  const [row] = resultRows<{ n: number; indexed: boolean }>(
    await db.execute(
      sql`select count(*)::int as n, to_regclass('public.alliances_updated_idx') is not null as indexed from workspaces where slug = 'national-1'`,
    ),
  );
  if (!row || row.n === 0) return "empty";
  return row.indexed ? "loaded" : "unfinished";
}

/** The tables the load fills by the million. */
const BIG_TABLES = [
  "organisations",
  "alliances",
  "alliance_parties",
  "alliance_mode_periods",
  "alliance_sdg_targets",
  "alliance_territories",
  "alliance_contributions",
  "evaluation_cycles",
  "evaluation_participants",
  "evaluation_answers",
  "alliance_indicators",
  "indicator_results",
  "workspace_alliance_search",
];

export async function seedNational(db: Db, options: NationalOptions): Promise<ReturnType<typeof nationalCounts>> {
  const counts = nationalCounts(options.scale);
  // Slices of the population for weighted draws of communes: 500,000 at full scale (a commune
  // of 130 inhabitants gets one), fewer for small runs.
  const PICK_SLICES = Math.max(20_000, Math.min(500_000, counts.organisations * 2));
  const seed = Math.trunc(options.seed);
  const step = async (name: string, run: () => Promise<unknown>) => {
    const started = performance.now();
    await run();
    options.log?.(name, performance.now() - started);
  };

  // Every transaction of the load starts the same way: the run's parameters (transaction-local
  // settings read by the helper functions), the helper functions (per connection) and, where the
  // role may, foreign-key and other triggers skipped (the rows are generated consistent with each
  // other; skipping them is a superuser setting, elsewhere the load just runs slower). Returns
  // whether the triggers are skipped.
  const begin = async (tx: Db): Promise<boolean> => {
    let replica = true;
    await tx.execute(sql`savepoint replica`);
    try {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`release savepoint replica`);
    } catch {
      await tx.execute(sql`rollback to savepoint replica`);
      replica = false;
    }
    await tx.execute(sql`select set_config('maillage.seed', ${String(seed)}, true), set_config('maillage.big', ${String(counts.bigWorkspace)}, true),
      set_config('maillage.company', ${String(counts.companyWorkspace)}, true), set_config('maillage.workspaces', ${String(counts.workspaces)}, true)`);
    // r(n, purpose): a number in [0, 1) from a hash of the row number, the seed and the purpose.
    await tx.execute(sql`
      create or replace function pg_temp.r(n bigint, purpose int) returns float8 language sql stable parallel safe
        as $$ select (abs(hashint8extended(n, current_setting('maillage.seed')::bigint * 1000 + purpose)) % 1000003)::float8 / 1000003 $$`);
    await tx.execute(sql`
      create or replace function pg_temp.nid(t int, n bigint) returns uuid language sql immutable parallel safe
        as $$ select (lpad(to_hex(t), 8, '0') || '-0000-4000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$`);
    // Which workspace holds alliance g: the first ones go to workspace 1 (5,000 at full scale),
    // the next to workspace 2 (a large company), the rest to the others, skewed like real life.
    await tx.execute(sql`create or replace function pg_temp.holder(g bigint) returns int language sql stable
      as $$ select case when g <= current_setting('maillage.big')::int then 1
                        when g <= current_setting('maillage.big')::int + current_setting('maillage.company')::int then 2
                        else 3 + floor(power(pg_temp.r(g, 10), 2) * greatest(1, current_setting('maillage.workspaces')::int - 2))::int end $$`);
    return replica;
  };

  // The steps, in an order that respects every foreign key. Each names its lane and phase: with
  // the triggers skipped, the two lanes of a phase run at once on two connections (the machine's
  // two cores), since no step reads what the other lane of its phase writes.
  interface Load {
    name: string;
    phase: 1 | 2;
    lane: 0 | 1;
    run: (tx: Db) => Promise<unknown>;
  }
  const loads: Load[] = [];
  const LANES: Record<string, [1 | 2, 0 | 1]> = {
    alliances: [1, 0],
    organisations: [1, 1],
    "workspaces, owners, memberships": [1, 1],
    parties: [1, 1],
    contributions: [2, 0],
    "mode periods": [2, 0],
    territories: [2, 1],
    "SDG targets": [2, 1],
    "evaluation cycles and answers": [2, 1],
    "indicators and results": [2, 1],
    "record keys of contributions": [2, 0],
    "record keys of alliances and organisations": [2, 1],
  };
  const load = (name: string, run: (tx: Db) => Promise<unknown>) => {
    const [phase, lane] = LANES[name]!;
    loads.push({ name, phase, lane, run });
  };

  // The list's search rows (migrations 0065 and 0066), which the triggers would have written: one
  // per accepted party with a workspace, with the figures of the alliance's child tables. Read
  // once all of those are loaded, and before the secondary indexes are built again: each child
  // table is aggregated by alliance in one pass (hashed), not probed alliance by alliance.
  const searchRows = (tx: Db) =>
    tx.execute(sql`insert into workspace_alliance_search (workspace_id, alliance_id, title, stage, starts_on, ends_on, tags,
        updated_at, archived_at, created_at, scoped_vector, current_mode, guide_answered, partner_names,
        last_closed_at, cycle_running, goal_list, primary_goal)
      with modes as (select distinct on (m.alliance_id) m.alliance_id, m.mode from alliance_mode_periods m
          order by m.alliance_id, m.starts_on desc),
        answered as (select g.alliance_id, g.stage, count(distinct g.question_key)::int as n from alliance_guide_answers g group by 1, 2),
        parties as (select q.alliance_id, array_agg(q.workspace_id) as workspaces, array_agg(o.name) as names
          from alliance_parties q join organisations o on o.id = q.organisation_id group by 1),
        cycles as (select e.alliance_id, max(e.closed_at) filter (where e.status = 'closed') as last_closed_at,
            bool_or(e.status = 'open') as running from evaluation_cycles e group by 1),
        goals as (select t.alliance_id, array_agg(distinct t.goal order by t.goal) as list,
            min(t.goal) filter (where t.is_primary) as main from alliance_sdg_targets t group by 1)
      select p.workspace_id, a.id, a.title, a.stage, a.starts_on, a.ends_on, a.tags, a.updated_at, a.archived_at, a.created_at,
        app_scoped_vector(p.workspace_id, a.search_vector), modes.mode, coalesce(answered.n, 0),
        (select array_agg(x.name order by x.name) from unnest(parties.names, parties.workspaces) as x(name, workspace)
          where x.workspace is distinct from p.workspace_id),
        cycles.last_closed_at, coalesce(cycles.running, false), goals.list, goals.main
      from alliances a join alliance_parties p on p.alliance_id = a.id
        left join modes on modes.alliance_id = a.id
        left join answered on answered.alliance_id = a.id and answered.stage = a.stage::text
        left join parties on parties.alliance_id = a.id
        left join cycles on cycles.alliance_id = a.id
        left join goals on goals.alliance_id = a.id
      where p.status = 'accepted' and p.workspace_id is not null
      on conflict do nothing`);

  // Secondary indexes of the big tables are dropped for the load and built once at the end,
  // which is much cheaper than maintaining them row by row. Unique ones stay (they are rules).
  // Communes with their cumulative population go to two work tables, dropped at the end: a draw
  // picks a commune in proportion to its people.
  let indexes: Array<{ indexname: string; indexdef: string; tablename: string }> = [];
  const prologue = async (tx: Db) => {
    await step("drop secondary indexes", async () => {
      indexes = resultRows<{ indexname: string; indexdef: string; tablename: string }>(
        await tx.execute(sql`
          select c.relname as indexname, pg_get_indexdef(x.indexrelid) as indexdef, t.relname as tablename
          from pg_index x join pg_class c on c.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
          where n.nspname = 'public' and not x.indisunique and not x.indisprimary
            and t.relname = any(${`{${BIG_TABLES.join(",")}}`}::text[])
          order by c.relname`),
      );
      for (const { indexname } of indexes) await tx.execute(sql`drop index ${sql.identifier(indexname)}`);
    });
    await step("communes", async () => {
      await tx.execute(
        sql`create unlogged table seed_national_communes (i int primary key, code text, departement text, region text, cum bigint)`,
      );
      const communes = [...territory().communes.values()]
        .filter((c) => c.population > 0)
        .sort((a, b) => a.code.localeCompare(b.code));
      let cum = 0;
      const rows = communes.map((c, i) => {
        cum += c.population;
        return { i: i + 1, code: c.code, departement: c.departement, region: c.region, cum };
      });
      for (let i = 0; i < rows.length; i += 5000) {
        await tx.execute(
          sql`insert into seed_national_communes select * from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::jsonb) as v(i int, code text, departement text, region text, cum bigint)`,
        );
      }
      await tx.execute(sql`create index on seed_national_communes (cum)`);
      await tx.execute(sql`analyze seed_national_communes`);
      // Equal slices of the population, each naming the commune it falls in: a draw is then a
      // join on a slice number.
      await tx.execute(sql`create unlogged table seed_national_pick (b int primary key, i int)`);
      await tx.execute(sql`
        insert into seed_national_pick select b, (select c.i from seed_national_communes c where c.cum >= ceil((b + 0.5) * ${cum / PICK_SLICES}::float8)::bigint order by c.cum limit 1)
        from generate_series(0, ${PICK_SLICES - 1}) b`);
      await tx.execute(sql`analyze seed_national_pick`);
    });
  };
  const epilogue = async (tx: Db) => {
    await tx.execute(sql`drop table seed_national_pick, seed_national_communes`);
  };

  const { organisations: O, workspaces: W, alliances: A } = counts;
  load("organisations", (tx) =>
    tx.execute(sql`
      insert into organisations (id, name, search_name, kind, siren, rna, commune_code, departement_code, region_code, created_at, updated_at)
      select pg_temp.nid(1, g),
        k.prefix || ' ' || (array['du Lien','des Quartiers','Solidaire','du Val','de la Vallée','Horizon','Avenir','des Jardins','du Littoral','des Collines'])[1 + floor(pg_temp.r(g, 2) * 10)::int] || ' ' || g,
        lower(k.plain || ' ' || (array['du lien','des quartiers','solidaire','du val','de la vallee','horizon','avenir','des jardins','du littoral','des collines'])[1 + floor(pg_temp.r(g, 2) * 10)::int] || ' ' || g),
        k.kind::organisation_kind,
        case when k.kind in ('entreprise', 'collectivite', 'intercommunalite', 'etablissement_public') then lpad((100000000 + g)::text, 9, '0') end,
        case when k.kind = 'association' then 'W' || lpad((100000000 + g)::text, 9, '0') end,
        c.code, c.departement, c.region, now(), now()
      from generate_series(1, ${O}::int) g
      cross join lateral (select case when g = 1 then 0.1 when g = 2 then 0.8 else pg_temp.r(g, 1) end as x) d
      cross join lateral (select
          case when d.x < 0.70 then 'association' when d.x < 0.95 then 'entreprise' when d.x < 0.975 then 'collectivite'
               when d.x < 0.985 then 'fondation' when d.x < 0.993 then 'etablissement_public' when d.x < 0.997 then 'intercommunalite' else 'autre' end as kind) kk
      cross join lateral (select kk.kind,
          case kk.kind when 'association' then 'Association' when 'entreprise' then 'Société' when 'collectivite' then 'Commune'
                       when 'fondation' then 'Fondation' when 'etablissement_public' then 'Établissement' when 'intercommunalite' then 'Communauté' else 'Collectif' end as prefix,
          case kk.kind when 'association' then 'association' when 'entreprise' then 'societe' when 'collectivite' then 'commune'
                       when 'fondation' then 'fondation' when 'etablissement_public' then 'etablissement' when 'intercommunalite' then 'communaute' else 'collectif' end as plain) k
      join seed_national_pick p on p.b = floor(pg_temp.r(g, 3) * ${PICK_SLICES})::int
      join seed_national_communes c on c.i = p.i`),
  );

  load("workspaces, owners, memberships", async (tx) => {
    await tx.execute(sql`
      insert into workspaces (id, slug, name, kind, siren, rna, organisation_id)
      select pg_temp.nid(2, g), 'national-' || g, o.name,
        (case when o.kind::text in ('association', 'entreprise', 'collectivite', 'fondation', 'etablissement_public') then o.kind::text else 'autre' end)::workspace_kind,
        o.siren, o.rna, o.id
      from generate_series(1, ${W}::int) g join organisations o on o.id = pg_temp.nid(1, g)`);
    await tx.execute(sql`
      insert into users (id, email, name) select pg_temp.nid(3, g), 'owner-' || g || '@national.maillage.test', 'Responsable ' || g from generate_series(1, ${W}::int) g`);
    return tx.execute(
      sql`insert into memberships (workspace_id, user_id, role) select pg_temp.nid(2, g), pg_temp.nid(3, g), 'owner' from generate_series(1, ${W}::int) g`,
    );
  });

  load("alliances", (tx) =>
    tx.execute(sql`
      insert into alliances (id, title, summary, stage, starts_on, ends_on, territory_scope, entry_doors, tags, search_text, created_by, created_at, updated_at)
      select pg_temp.nid(4, g),
        t.word || ' ' || t.topic || ' n°' || g,
        'Alliance de démonstration ' || g || ' : ' || t.topic,
        s.stage::lifecycle_stage, s.starts_on,
        case when s.stage = 'termine' then s.starts_on + (365 + floor(pg_temp.r(g, 13) * 1095))::int end,
        (case when pg_temp.r(g, 14) < 0.6 then 'commune' when pg_temp.r(g, 14) < 0.8 then 'departement' when pg_temp.r(g, 14) < 0.9 then 'region' else 'national' end)::territory_level,
        case when pg_temp.r(g, 15) < 0.5 then array['contribution_odd'] else array['co_construction_territoriale'] end,
        case when pg_temp.r(g, 16) < 0.3 then array['national'] else '{}'::text[] end,
        lower(t.plain || ' ' || t.topic_plain || ' ' || g),
        pg_temp.nid(3, pg_temp.holder(g)),
        s.starts_on::timestamptz, s.starts_on::timestamptz + (pg_temp.r(g, 17) * (now() - s.starts_on::timestamptz))
      from generate_series(1, ${A}::int) g
      cross join lateral (select
          (array['Jardins','Ateliers','Paniers','Chantier','Maison','Réseau','Plateforme','Programme'])[1 + floor(pg_temp.r(g, 11) * 8)::int] as word,
          (array['jardins','ateliers','paniers','chantier','maison','reseau','plateforme','programme'])[1 + floor(pg_temp.r(g, 11) * 8)::int] as plain,
          (array['solidaires','d''insertion','numériques','du quartier','pour l''emploi','zéro déchet','de santé','culturels'])[1 + floor(pg_temp.r(g, 12) * 8)::int] as topic,
          (array['solidaires','d insertion','numeriques','du quartier','pour l emploi','zero dechet','de sante','culturels'])[1 + floor(pg_temp.r(g, 12) * 8)::int] as topic_plain) t
      cross join lateral (select
          case when pg_temp.r(g, 18) < 0.1 then 'preparation_partenaires' when pg_temp.r(g, 18) < 0.2 then 'preparation_partenariat'
               when pg_temp.r(g, 18) < 0.3 then 'contractualisation' when pg_temp.r(g, 18) < 0.75 then 'pilotage'
               when pg_temp.r(g, 18) < 0.85 then 'evaluation' else 'termine' end as stage,
          (date '2016-01-01' + floor(pg_temp.r(g, 19) * 3650)::int) as starts_on) s`),
  );

  // Parties: the holder (its workspace), one or two partner organisations; 8 % are co-owned
  // with another workspace (its organisation is then the first partner, with its workspace).
  load("parties", async (tx) => {
    await tx.execute(sql`
      insert into alliance_parties (id, alliance_id, organisation_id, workspace_id, role, status, created_at)
      select pg_temp.nid(5, g * 4), pg_temp.nid(4, g), pg_temp.nid(1, pg_temp.holder(g)), pg_temp.nid(2, pg_temp.holder(g)), 'porteur', 'accepted', now()
      from generate_series(1, ${A}::int) g`);
    await tx.execute(sql`
      insert into alliance_parties (id, alliance_id, organisation_id, workspace_id, role, status, created_at)
      select pg_temp.nid(5, g * 4 + 1), pg_temp.nid(4, g), pg_temp.nid(1, p.org), case when p.coowned then pg_temp.nid(2, p.org) end, 'partenaire', 'accepted', now()
      from generate_series(1, ${A}::int) g
      cross join lateral (select pg_temp.r(g, 20) < 0.08 as coowned) c
      cross join lateral (select case when c.coowned then 1 + ((pg_temp.holder(g) + floor(pg_temp.r(g, 21) * ${W - 1})::int) % ${W})
                                      else ${W + 1} + floor(pg_temp.r(g, 21) * ${O - W})::int end as org, c.coowned) p`);
    return tx.execute(sql`
      insert into alliance_parties (id, alliance_id, organisation_id, role, status, created_at)
      select pg_temp.nid(5, g * 4 + 2), pg_temp.nid(4, g), pg_temp.nid(1, ${W + 1} + floor(pg_temp.r(g, 22) * ${O - W})::int), 'financeur', 'accepted', now()
      from generate_series(1, ${A}::int) g where pg_temp.r(g, 23) < 0.5
      on conflict do nothing`);
  });

  // Modes in the proportions companies report (45 / 30 / 25 / 16, normalised); a quarter of the
  // alliances changed mode once.
  const modeOf = (purpose: number) =>
    sql`(case when pg_temp.r(g, ${purpose}) < 0.388 then 'pratiques_responsables' when pg_temp.r(g, ${purpose}) < 0.647 then 'mecenat'
              when pg_temp.r(g, ${purpose}) < 0.863 then 'cooperation_economique' else 'innovation_societale' end)::alliance_mode`;
  load("mode periods", async (tx) => {
    await tx.execute(sql`
      insert into alliance_mode_periods (id, alliance_id, mode, starts_on, ends_on)
      select pg_temp.nid(6, g * 2), a.id, ${modeOf(24)}, a.starts_on + 200, a.ends_on
      from generate_series(1, ${A}::int) g join alliances a on a.id = pg_temp.nid(4, g)`);
    return tx.execute(sql`
      insert into alliance_mode_periods (id, alliance_id, mode, starts_on, ends_on)
      select pg_temp.nid(6, g * 2 + 1), a.id, ${modeOf(25)}, a.starts_on, a.starts_on + 200
      from generate_series(1, ${A}::int) g join alliances a on a.id = pg_temp.nid(4, g) where pg_temp.r(g, 26) < 0.25`);
  });

  load("SDG targets", (tx) =>
    tx.execute(sql`
      insert into alliance_sdg_targets (alliance_id, target, goal, is_primary)
      select pg_temp.nid(4, g), t.code, split_part(t.code, '.', 1)::smallint, k = 1
      from generate_series(1, ${A}::int) g
      cross join lateral generate_series(1, 1 + floor(pg_temp.r(g, 27) * 4)::int) k
      cross join lateral (select (${`{${SDG_TARGET_CODES.join(",")}}`}::text[])[1 + floor(pg_temp.r(g * 8 + k, 28) * ${SDG_TARGET_CODES.length})::int] as code) t
      on conflict do nothing`),
  );

  load("territories", (tx) =>
    tx.execute(sql`
      insert into alliance_territories (alliance_id, level, code, departement_code, region_code)
      select a.id, a.territory_scope,
        case a.territory_scope when 'commune' then c.code when 'departement' then c.departement else c.region end,
        case when a.territory_scope in ('commune', 'departement') then c.departement end, c.region
      from generate_series(1, ${A}::int) g
      join alliances a on a.id = pg_temp.nid(4, g)
      join seed_national_pick p on p.b = floor(pg_temp.r(g, 29) * ${PICK_SLICES})::int
      join seed_national_communes c on c.i = p.i
      where a.territory_scope <> 'national'`),
  );

  load("contributions", (tx) =>
    tx.execute(sql`
      insert into alliance_contributions (id, alliance_id, party_id, kind, quantity, unit, value_cents, occurred_on, created_at)
      select pg_temp.nid(7, g), pg_temp.nid(4, x.a), pg_temp.nid(5, x.a * 4 + case when pg_temp.r(g, 31) < 0.6 then 0 else 1 end),
        k.kind::contribution_kind, k.quantity, k.unit, k.cents, date '2016-06-01' + floor(pg_temp.r(g, 32) * 3500)::int, now()
      from generate_series(1, ${counts.contributions}::int) g
      cross join lateral (select 1 + floor(pg_temp.r(g, 30) * ${A})::int as a) x
      cross join lateral (select
          case when pg_temp.r(g, 33) < 0.5 then 'argent' when pg_temp.r(g, 33) < 0.8 then 'heures_competences' when pg_temp.r(g, 33) < 0.9 then 'heures_benevolat' else 'biens_nature' end as kind,
          round((10 + pg_temp.r(g, 34) * 5000)::numeric, 2) as quantity) q
      cross join lateral (select q.kind, q.quantity,
          case when q.kind = 'argent' then 'eur' when q.kind like 'heures%' then 'heure' else 'unite' end as unit,
          case when q.kind = 'argent' then (q.quantity * 100)::bigint when q.kind like 'heures%' then (q.quantity * 3500)::bigint end as cents) k`),
  );

  // The statistics' record keys (migration 0050), which the insert triggers would have drawn:
  // derived from the id and the seed, so a seed gives the same keys.
  const recordKeys = (table: "alliance_contributions" | "alliances" | "organisations") =>
    sql`insert into record_keys (entity_id, record_key)
        select id, hashtext(id::text || ${String(seed)}) & 2147483647 from ${sql.identifier(table)} on conflict do nothing`;
  load("record keys of contributions", (tx) => tx.execute(recordKeys("alliance_contributions")));
  load("record keys of alliances and organisations", async (tx) => {
    await tx.execute(recordKeys("alliances"));
    return tx.execute(recordKeys("organisations"));
  });

  // Evaluation: closed cycles on a fifth of the alliances, the holder answered the first
  // questions of the default questionnaire in each (about a million answers at full scale).
  const perCycle = 5;
  const cycles = Math.max(1, Math.round(counts.answers / perCycle));
  const questions = DEFAULT_QUESTIONS.slice(0, perCycle);
  load("evaluation cycles and answers", async (tx) => {
    await tx.execute(sql`
      insert into evaluation_cycles (id, alliance_id, period, due_on, questions, status, opened_by_workspace_id, closed_at, closed_reason, created_at)
      select pg_temp.nid(8, g), pg_temp.nid(4, a), (2017 + floor(pg_temp.r(g, 41) * 9)::int)::text, date '2017-06-30' + floor(pg_temp.r(g, 41) * 9)::int * 365,
        ${JSON.stringify(DEFAULT_QUESTIONS)}::jsonb, 'closed', pg_temp.nid(2, pg_temp.holder(a)), now(), 'due', now()
      from generate_series(1, ${cycles}::int) g cross join lateral (select 1 + ((g * 5 - 1) % ${A}) as a) x`);
    await tx.execute(sql`
      insert into evaluation_participants (cycle_id, alliance_id, workspace_id, organisation_name, status, answered_at)
      select pg_temp.nid(8, g), pg_temp.nid(4, a), pg_temp.nid(2, pg_temp.holder(a)), 'Organisation ' || pg_temp.holder(a), 'answered', now()
      from generate_series(1, ${cycles}::int) g cross join lateral (select 1 + ((g * 5 - 1) % ${A}) as a) x`);
    return tx.execute(sql`
      insert into evaluation_answers (cycle_id, alliance_id, workspace_id, question_key, dimension, score, justification, created_at)
      select pg_temp.nid(8, g), pg_temp.nid(4, a), pg_temp.nid(2, pg_temp.holder(a)), q.key, q.dimension, 1 + floor(pg_temp.r(g * 8 + q.n, 42) * 5)::int, 'Constaté en comité', now()
      from generate_series(1, ${cycles}::int) g cross join lateral (select 1 + ((g * 5 - 1) % ${A}) as a) x
      cross join jsonb_to_recordset(${JSON.stringify(questions.map((q, i) => ({ n: i + 1, key: q.key, dimension: q.dimension })))}::jsonb) as q(n int, key text, dimension text)`);
  });

  // Indicators on a quarter of the alliances, seven results each (two million at full scale).
  const perIndicator = 7;
  const indicators = Math.max(1, Math.round(counts.results / perIndicator));
  load("indicators and results", async (tx) => {
    await tx.execute(sql`
      insert into alliance_indicators (id, alliance_id, name, unit, dimension, direction, frequency, baseline, target, created_by_workspace_id, created_at)
      select pg_temp.nid(9, g), pg_temp.nid(4, a), (array['Personnes accompagnées','Tonnes évitées','Heures de bénévolat','Emplois créés'])[1 + (g % 4)],
        (array['personnes','tonnes','heures','emplois'])[1 + (g % 4)], (array['performance','innovation','confiance'])[1 + (g % 3)]::impact_dimension,
        'higher', 'yearly', 0, 100 + floor(pg_temp.r(g, 51) * 900), pg_temp.nid(2, pg_temp.holder(a)), now()
      from generate_series(1, ${indicators}::int) g cross join lateral (select 1 + ((g * 4 - 1) % ${A}) as a) x`);
    return tx.execute(sql`
      insert into indicator_results (id, indicator_id, alliance_id, workspace_id, period, period_end, value, created_at)
      select pg_temp.nid(10, g * 8 + k), pg_temp.nid(9, g), pg_temp.nid(4, a), pg_temp.nid(2, pg_temp.holder(a)), (2018 + k)::text, make_date(2018 + k, 12, 31),
        round((pg_temp.r(g * 8 + k, 52) * 1000)::numeric, 2), now()
      from generate_series(1, ${indicators}::int) g cross join lateral (select 1 + ((g * 4 - 1) % ${A}) as a) x
      cross join generate_series(1, ${perIndicator}) k`);
  });

  // Lanes of about equal work for the index builds: largest table first, each index to the lane
  // with the fewer bytes so far.
  const indexLanes = async (): Promise<string[][]> => {
    const sizes = new Map(
      resultRows<{ name: string; bytes: string }>(
        await db.execute(
          sql`select c.relname as name, pg_relation_size(c.oid)::text as bytes from pg_class c where c.relname = any(${`{${BIG_TABLES.join(",")}}`}::text[])`,
        ),
      ).map((r) => [r.name, Number(r.bytes)]),
    );
    const lanes: Array<{ bytes: number; defs: string[] }> = [
      { bytes: 0, defs: [] },
      { bytes: 0, defs: [] },
    ];
    for (const index of [...indexes].sort((a, b) => (sizes.get(b.tablename) ?? 0) - (sizes.get(a.tablename) ?? 0))) {
      const lane = lanes[0]!.bytes <= lanes[1]!.bytes ? lanes[0]! : lanes[1]!;
      lane.bytes += sizes.get(index.tablename) ?? 0;
      lane.defs.push(index.indexdef);
    }
    return lanes.map((l) => l.defs);
  };
  const buildIndexes = async (tx: Db, defs: string[]) => {
    await tx.execute(sql`set local maintenance_work_mem = '512MB'`);
    // Each definition is PostgreSQL's own (pg_get_indexdef at the start of the load), replayed as is.
    for (const def of defs) await tx.execute(sql.raw(def));
  };

  // Whether the triggers can be skipped decides the plan: in lanes, over several transactions
  // (a failure leaves a partial load behind, which scripts/seed-national.ts then recognises), or
  // everything in one transaction as before.
  const parallel = await db.transaction(async (tx) => begin(tx));
  if (parallel) {
    await db.transaction(async (tx) => {
      await begin(tx);
      await prologue(tx);
    });
    for (const phase of [1, 2] as const) {
      const started = performance.now();
      await Promise.all(
        ([0, 1] as const).map((lane) =>
          db.transaction(async (tx) => {
            await begin(tx);
            for (const l of loads.filter((x) => x.phase === phase && x.lane === lane))
              await step(l.name, () => l.run(tx));
          }),
        ),
      );
      options.log?.(`phase ${phase}, both lanes`, performance.now() - started);
    }
    await db.transaction(async (tx) => {
      await begin(tx);
      await step("search rows", () => searchRows(tx));
    });
    const lanes = await indexLanes();
    await step("build secondary indexes", () =>
      Promise.all(
        lanes.map((defs) =>
          db.transaction(async (tx) => {
            await begin(tx);
            await buildIndexes(tx, defs);
          }),
        ),
      ),
    );
    await db.transaction(async (tx) => epilogue(tx));
  } else {
    await db.transaction(async (tx) => {
      await begin(tx);
      await prologue(tx);
      for (const l of loads) await step(l.name, () => l.run(tx));
      await step("search rows", () => searchRows(tx));
      await step("build secondary indexes", () =>
        buildIndexes(
          tx,
          indexes.map((i) => i.indexdef),
        ),
      );
      await epilogue(tx);
    });
  }
  // Every table is vacuumed as well as analyzed, as autovacuum would have done in a database that
  // lived a while (and it may be off): the visibility maps let index-only scans read the index
  // alone, such as app_alliance_ids() (every policy's membership set) on the party table's
  // covering index, or a search on its search rows' key, which otherwise visits the table for
  // each of a workspace's 5,000 entries (2.2 ms instead of 1.0). About 10 s at scale 1.
  await step("vacuum, analyze", () => db.execute(sql`vacuum (analyze)`));
  return counts;
}
