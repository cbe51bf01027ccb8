/**
 * A large estate with an open meeting, for benchmarks (and tests that want
 * one): `seedLargeEstate(db, options)` writes, on any migrated database,
 *
 * - a township (or uses `townshipId`) and an estate of `units` flats (10,000 by
 *   default) in `buildings` buildings (楼栋, "1栋" … ) of `stairs` stairwell units
 *   (单元, "1单元" …) each, 4 flats a floor ("1203" = floor 12, flat 03), as many
 *   floors as the count needs (a stairwell's last floor may be partly filled);
 * - areas in exact hundredths of m² from four floor-plan types (89.56, 112.30,
 *   128.74, 143.02 m², a few hundredths more or less per building), all from
 *   the registry (登记);
 * - owners as a registry holds them: about 3 % of the flats still held by the
 *   developer (one organisation, one head together, R1.2), about 25 % owned by a
 *   couple (two co-owners, half with a designated representative), about 8 % in
 *   pairs held by the same buyer (one head with two flats, R1.2), the rest by one
 *   person; every person has a distinct mobile number (1xx…), except about 3 %
 *   with none on record, and a fictitious identity number kept as its HMAC-like
 *   key (32 bytes) and its last four characters;
 * - a meeting whose notice went out 20 days before `now` and whose voting opened
 *   at `now` through the real services (createMeeting, addMotion, publishNotice,
 *   openVoting: the electorate snapshot is the engine's), with four motions: three
 *   for the whole estate (管理规约, 选聘物业, 使用维修资金) and one lift installation
 *   scoped to one stairwell unit (`liftStair`, by default "3栋2单元": matter
 *   `rebuild`, special, R3.6);
 * - `ballots` voters (6,000 by default) who have voted, each on every motion open
 *   to them, online, as owner of the voter (the first co-owner), with a choice
 *   spread agree/oppose/abstain; turnout differs by building (from about 40 % to
 *   about 80 % of the voters whose first flat is there), as it does in life.
 *   Ballots are written straight into `ballots` and `current_ballots` (one
 *   version each), as the acceptance function leaves them, without its checks:
 *   this is a seeder, not a vote.
 *
 * Everything is deterministic for a given `seed`: the same options give the same
 * estate (ids apart). The returned `LargeEstate` names what a bench needs.
 *
 * Stable API (other benches import it): `seedLargeEstate`, `castLargeEstateBallots`,
 * `LargeEstateOptions`, `LargeEstate`. Add options with defaults; do not change
 * the meaning of existing ones.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { inTransaction } from '../src/db/transaction.ts';
import { addMotion, createMeeting, openVoting, publishNotice } from '../src/voting/meetings.ts';
import { requireMeeting } from '../src/voting/meetings-repository.ts';
import { motionInputSchema } from '../src/voting/motion-terms.ts';

export interface LargeEstateOptions {
  /** Flats in the estate (default 10,000). */
  units?: number;
  /** Buildings (default 20). */
  buildings?: number;
  /** Stairwell units per building (default 4). */
  stairs?: number;
  /** Voters who have voted, each on every motion open to them (default 6,000; at most the estate-wide voters). */
  ballots?: number;
  /** The township to put the estate in; one is created when absent. */
  townshipId?: string;
  estateName?: string;
  /** The stairwell unit of the lift motion (default { building: '3栋', stair: '2单元' }; must exist). */
  liftStair?: { building: string; stair: string };
  /** When voting opens (default: the current time); the notice went out 20 days before, voting closes 5 days after. */
  now?: Date;
  /** Makes a different but equally reproducible estate (default 1). */
  seed?: number;
}

export interface LargeEstateMotion {
  id: string;
  position: number;
  title: string;
  scope: { kind: 'estate' } | { kind: 'stair'; building: string; stair: string };
}

export interface LargeEstate {
  townshipId: string;
  estateId: string;
  meetingId: string;
  /** In the meeting's order; the last is the stairwell-scoped lift motion. */
  motions: LargeEstateMotion[];
  /** The id of the stairwell-scoped motion (also in `motions`). */
  scopedMotionId: string;
  /** Building names in order ("1栋" …) and stairwell names of each ("1单元" …). */
  buildings: { name: string; stairs: string[] }[];
  units: number;
  /** Voters of the estate-wide motions (R1.2: fewer than the flats). */
  voters: number;
  /** Voters who have voted (each on every motion open to them). */
  voted: number;
  /** The account recorded as casting the seeded ballots. */
  castBy: string;
  votingOpensAt: Date;
  votingClosesAt: Date;
}

const DAY = 24 * 3_600_000;
const PLANS = [8956, 11230, 12874, 14302];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英霞平刚桂兰华玉萍红娥建国志文春梅海燕金凤';

/** mulberry32: a small deterministic generator, so the same seed makes the same estate. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface SeedUnit {
  registryNo: string;
  building: number;
  stair: number;
  room: string;
  area: number;
  developerHeld: boolean;
  owners: number[];
  representative: number | null;
}

interface SeedOwner {
  kind: 'person' | 'organisation';
  name: string;
  phone: string | null;
}

/** The registry as plain data: flats in building/stairwell/floor order, and their owners. */
function planRegistry(units: number, buildings: number, stairs: number, seed: number) {
  const random = generator(seed);
  const perStair = Math.ceil(units / (buildings * stairs));
  const owners: SeedOwner[] = [{ kind: 'organisation', name: '共决置业发展有限公司', phone: '13500000000' }];
  const person = (): number => {
    const n = owners.length;
    const name = SURNAMES[Math.floor(random() * SURNAMES.length)]! + GIVEN[Math.floor(random() * GIVEN.length)]! + (random() < 0.6 ? GIVEN[Math.floor(random() * GIVEN.length)]! : '');
    // Distinct numbers: the owner's index in the last eight digits, a 13x–19x prefix.
    const phone = random() < 0.03 ? null : `1${3 + (n % 7)}${String(seed % 10)}${String(n).padStart(8, '0')}`;
    owners.push({ kind: 'person', name, phone });
    return n;
  };
  const flats: SeedUnit[] = [];
  let pairOwner: number[] | null = null;
  for (let b = 1; b <= buildings && flats.length < units; b++) {
    const drift = Math.floor(random() * 40) - 20;
    for (let s = 1; s <= stairs && flats.length < units; s++) {
      for (let i = 0; i < perStair && flats.length < units; i++) {
        const floor = 1 + Math.floor(i / 4);
        const flat = 1 + (i % 4);
        const room = `${floor}${String(flat).padStart(2, '0')}`;
        const area = PLANS[flat - 1]! + drift;
        const roll = random();
        let unitOwners: number[];
        let developerHeld = false;
        let representative: number | null = null;
        if (roll < 0.03) {
          developerHeld = true;
          unitOwners = [0];
        } else if (roll < 0.11) {
          // The same buyer's second flat (R1.2: one head): the owner set of the previous pair-buyer, then a new one.
          if (pairOwner) {
            unitOwners = pairOwner;
            pairOwner = null;
          } else {
            unitOwners = random() < 0.5 ? [person()] : [person(), person()];
            pairOwner = unitOwners;
          }
        } else if (roll < 0.36) {
          unitOwners = [person(), person()];
          if (random() < 0.5) representative = unitOwners[0]!;
        } else {
          unitOwners = [person()];
        }
        flats.push({
          registryNo: `GJ${String(seed).padStart(2, '0')}-${String(b).padStart(2, '0')}${s}-${room}`,
          building: b,
          stair: s,
          room,
          area,
          developerHeld,
          owners: unitOwners,
          representative,
        });
      }
    }
  }
  return { flats, owners, perStair };
}

async function insertChunks<T>(rows: readonly T[], size: number, write: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/**
 * Seeds the estate, its registry and an open meeting with `ballots` voters
 * having voted (see the file's comment). Runs in several transactions; on a
 * failure part of the estate may be left behind.
 */
export async function seedLargeEstate(db: Kysely<DB>, options: LargeEstateOptions = {}): Promise<LargeEstate> {
  const unitCount = options.units ?? 10_000;
  const buildingCount = options.buildings ?? 20;
  const stairCount = options.stairs ?? 4;
  const seed = options.seed ?? 1;
  const now = options.now ?? new Date();
  const liftStair = options.liftStair ?? { building: '3栋', stair: '2单元' };
  const { flats, owners } = planRegistry(unitCount, buildingCount, stairCount, seed);

  const townshipId =
    options.townshipId ??
    (
      await db
        .insertInto('townships')
        .values({ code: String(350_000_000 + Math.floor(Math.random() * 999_999)), name: '大型基准街道' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const estateId = await inTransaction(db, async (trx) => {
    const estate = await trx
      .insertInto('estates')
      .values({ township_id: townshipId, name: options.estateName ?? '共决花园（基准）', address: '基准路 1 号', settings: '{}' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const buildingIds = new Map<number, string>();
    const stairIds = new Map<string, string>();
    for (let b = 1; b <= buildingCount; b++) {
      const row = await trx.insertInto('buildings').values({ estate_id: estate.id, name: `${b}栋` }).returning('id').executeTakeFirstOrThrow();
      buildingIds.set(b, row.id);
      for (let s = 1; s <= stairCount; s++) {
        const stair = await trx.insertInto('stairs').values({ building_id: row.id, name: `${s}单元` }).returning('id').executeTakeFirstOrThrow();
        stairIds.set(`${b}/${s}`, stair.id);
      }
    }
    const ownerIds: string[] = [];
    await insertChunks(owners, 1000, async (chunk) => {
      const offset = ownerIds.length;
      const rows = await trx
        .insertInto('owners')
        .values(
          chunk.map((o, i) => {
            const key = createHash('sha256').update(`large-estate:${seed}:${offset + i}`).digest();
            return {
              estate_id: estate.id,
              kind: o.kind,
              name: o.name,
              id_type: o.kind === 'organisation' ? 'uscc' : 'resident_id',
              id_key: key,
              id_tail: key.readUInt16BE(0).toString().padStart(4, '0').slice(-4),
              phone: o.phone,
            };
          }),
        )
        .returning('id')
        .execute();
      ownerIds.push(...rows.map((r) => r.id));
    });
    const unitIds: string[] = [];
    await insertChunks(flats, 1000, async (chunk) => {
      const rows = await trx
        .insertInto('units')
        .values(
          chunk.map((f) => ({
            estate_id: estate.id,
            registry_no: f.registryNo,
            building_id: buildingIds.get(f.building)!,
            stair_id: stairIds.get(`${f.building}/${f.stair}`)!,
            room: f.room,
            area_hundredths: f.area,
            area_source: 'registry' as const,
            kind: 'residential' as const,
            developer_held: f.developerHeld,
          })),
        )
        .returning('id')
        .execute();
      unitIds.push(...rows.map((r) => r.id));
    });
    const links = flats.flatMap((f, i) => f.owners.map((o) => ({ unit_id: unitIds[i]!, owner_id: ownerIds[o]!, representative: f.representative === o })));
    await insertChunks(links, 2000, (chunk) => trx.insertInto('unit_owners').values(chunk).execute());
    return estate.id;
  });

  const noticedAt = new Date(now.getTime() - 20 * DAY);
  const motionInputs = [
    { matter: 'management_covenant', kind: 'yes_no', title: '修订《管理规约》', text: '按公示稿修订管理规约。' },
    { matter: 'property_manager', kind: 'yes_no', title: '续聘物业服务企业', text: '续聘现物业服务企业三年。' },
    { matter: 'maintenance_fund_use', kind: 'yes_no', title: '使用维修资金更换消防管网', text: '使用专项维修资金约 86 万元更换消防管网。' },
    {
      matter: 'rebuild',
      kind: 'yes_no',
      title: `${liftStair.building}${liftStair.stair}加装电梯`,
      text: '由本单元业主出资加装电梯一部。',
      scope: { kind: 'stair', building: liftStair.building, stair: liftStair.stair },
      liftInstallation: true,
    },
  ];
  const meetingId = await inTransaction(db, async (trx) => {
    const meeting = await createMeeting(trx, {
      estateId,
      kind: 'regular',
      title: '2026年度业主大会会议（基准）',
      votingOpensAt: now,
      votingClosesAt: new Date(now.getTime() + 5 * DAY),
      actor: 'system:bench',
      now: noticedAt,
    });
    for (const input of motionInputs) await addMotion(trx, meeting, motionInputSchema.parse(input), 'system:bench', noticedAt);
    await publishNotice(trx, await requireMeeting(trx, meeting.id), 'system:bench', noticedAt);
    return meeting.id;
  });
  await inTransaction(db, async (trx) => openVoting(trx, await requireMeeting(trx, meetingId), 'system:bench', now));

  const motionRows = await db.selectFrom('motions').select(['id', 'position', 'title', 'terms']).where('meeting_id', '=', meetingId).orderBy('position').execute();
  const motions: LargeEstateMotion[] = motionRows.map((m) => ({
    id: m.id,
    position: m.position,
    title: m.title,
    scope: (m.terms as { scope: LargeEstateMotion['scope'] }).scope,
  }));
  const account = await db
    .insertInto('accounts')
    .values({ phone: `199${String(seed % 100).padStart(2, '0')}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}` })
    .returning('id')
    .executeTakeFirstOrThrow();
  const estate: LargeEstate = {
    townshipId,
    estateId,
    meetingId,
    motions,
    scopedMotionId: motions.at(-1)!.id,
    buildings: Array.from({ length: buildingCount }, (_, b) => ({ name: `${b + 1}栋`, stairs: Array.from({ length: stairCount }, (_, s) => `${s + 1}单元`) })),
    units: flats.length,
    voters: Number(
      (await db.selectFrom('electorate_voters').select((e) => e.fn.countAll<string>().as('n')).where('motion_id', '=', motions[0]!.id).executeTakeFirstOrThrow()).n,
    ),
    voted: 0,
    castBy: account.id,
    votingOpensAt: now,
    votingClosesAt: new Date(now.getTime() + 5 * DAY),
  };
  estate.voted = await castLargeEstateBallots(db, estate, options.ballots ?? 6000, { seed, at: now });
  await sql`analyze`.execute(db);
  return estate;
}

/**
 * Makes up to `count` more voters of the estate-wide electorate vote, each on
 * every motion open to them, chosen deterministically (by `seed`) with turnout
 * differing by building; voters who have voted already are skipped. Returns
 * how many voters voted this time. Ballots are cast `at` (default: opening + 1 h).
 */
export async function castLargeEstateBallots(
  db: Kysely<DB>,
  estate: Pick<LargeEstate, 'meetingId' | 'motions' | 'castBy' | 'votingOpensAt'>,
  count: number,
  options: { seed?: number; at?: Date } = {},
): Promise<number> {
  const random = generator((options.seed ?? 1) * 7919 + count);
  const first = estate.motions[0]!.id;
  // Each not-yet-voted voter of the first (estate-wide) motion, with the building of its first flat.
  const { rows } = await sql<{ voter_key: string; building: string }>`
    select v.voter_key, min(eu.building) as building
    from electorate_voters v
    join electorate_units eu on eu.meeting_id = ${estate.meetingId} and eu.unit_id = v.units[1]
    where v.motion_id = ${first}
      and not exists (select 1 from current_ballots cb where cb.motion_id = v.motion_id and cb.voter_id = v.id)
    group by v.voter_key
    order by v.voter_key`.execute(db);
  // Turnout propensity by building: 0.4 … 0.8, the same building always the same.
  const propensity = new Map<string, number>();
  for (const r of rows) if (!propensity.has(r.building)) propensity.set(r.building, 0.4 + 0.4 * generator([...r.building].reduce((h, c) => h * 31 + c.charCodeAt(0), 7))());
  const ranked = rows.map((r) => ({ key: r.voter_key, weight: random() / propensity.get(r.building)! })).sort((a, b) => a.weight - b.weight);
  const chosen = ranked.slice(0, Math.max(0, Math.min(count, ranked.length))).map((r) => r.key);
  if (chosen.length === 0) return 0;
  const at = options.at ?? new Date(estate.votingOpensAt.getTime() + 3_600_000);
  await inTransaction(db, async (trx) => {
    await sql`
      insert into ballots (motion_id, voter_id, version, choice, spoiled, channel, owner_id, cast_by, assurance_level, cast_at)
      select v.motion_id, v.id, 1,
             to_jsonb((array['agree', 'agree', 'agree', 'agree', 'agree', 'oppose', 'oppose', 'abstain'])[1 + abs(hashtext(v.voter_key || m.id::text)) % 8]),
             false, 'online', v.owners[1], ${estate.castBy}::uuid, 'registry_factor', ${at}::timestamptz
      from motions m
      join electorate_voters v on v.motion_id = m.id
      where m.meeting_id = ${estate.meetingId} and v.voter_key = any(${chosen}::text[])
        and not exists (select 1 from current_ballots cb where cb.motion_id = v.motion_id and cb.voter_id = v.id)`.execute(trx);
    await sql`
      insert into current_ballots (motion_id, voter_id, ballot_id, version, personal)
      select b.motion_id, b.voter_id, b.id, 1, true
      from ballots b join motions m on m.id = b.motion_id
      where m.meeting_id = ${estate.meetingId}
        and not exists (select 1 from current_ballots cb where cb.motion_id = b.motion_id and cb.voter_id = b.voter_id)`.execute(trx);
  });
  return chosen.length;
}
