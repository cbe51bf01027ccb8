import { type Kysely, sql } from 'kysely';
import type { DB, MotionRow } from '../db/schema.ts';

/**
 * What the township overview (辖区小区) is read from: one query per kind of figure for a page of
 * estates at once (estate_id = any(…)), never one per estate. The overview itself is overview.ts.
 */

export async function estatesPage(db: Kysely<DB>, townshipId: string, page: { limit: number; offset: number }) {
  const [items, total] = await Promise.all([
    db
      .selectFrom('estates')
      // Whole rows: their settings are read by settingsOfEstate (the one reader).
      .selectAll()
      .where('township_id', '=', townshipId)
      .orderBy('name')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    db.selectFrom('estates').select((eb) => eb.fn.countAll<string>().as('n')).where('township_id', '=', townshipId).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

/** Live committee members and organisers per estate. */
export async function rolesPerEstate(db: Kysely<DB>, estateIds: string[]) {
  const { rows } = await sql<{ estate_id: string; committee: string; organisers: string }>`
    select estate_id, count(*) filter (where role = 'committee') as committee, count(*) filter (where role = 'organiser') as organisers
      from role_assignments where estate_id = any(${estateIds}::uuid[]) and revoked_at is null group by estate_id`.execute(db);
  return rows;
}

/** Units in the registry, owners, and when the registry was last imported, per estate. */
export async function registryPerEstate(db: Kysely<DB>, estateIds: string[]) {
  const { rows } = await sql<{ estate_id: string; units: string; owners: string; imported_at: Date | null }>`
    select e.id as estate_id,
           (select count(*) from units u where u.estate_id = e.id and u.removed_at is null) as units,
           (select count(*) from owners o where o.estate_id = e.id) as owners,
           (select max(applied_at) from registry_imports ri where ri.estate_id = e.id and ri.status <> 'previewed') as imported_at
      from estates e where e.id = any(${estateIds}::uuid[])`.execute(db);
  return rows;
}

/** The estates' meetings open for voting, with their motions (totals frozen at open). */
export async function openMeetingMotions(db: Kysely<DB>, estateIds: string[]) {
  return db
    .selectFrom('meetings')
    .innerJoin('motions', 'motions.meeting_id', 'meetings.id')
    .select(['meetings.id as meeting_id', 'meetings.estate_id', 'meetings.title as meeting_title', 'meetings.voting_closes_at'])
    .select(['motions.id', 'motions.position', 'motions.title', 'motions.terms', 'motions.total_area_hundredths', 'motions.total_heads'])
    .where('meetings.estate_id', '=', sql<string>`any(${estateIds}::uuid[])`)
    .where('meetings.status', '=', 'open')
    .orderBy('meetings.voting_closes_at')
    .orderBy('motions.position')
    .execute() as Promise<(Pick<MotionRow, 'id' | 'position' | 'title' | 'terms' | 'total_area_hundredths' | 'total_heads'> & { meeting_id: string; estate_id: string; meeting_title: string; voting_closes_at: Date })[]>;
}

/** Heads that took part so far, per motion: the count of current ballots (one per voter, never removed). */
export async function headsPerMotion(db: Kysely<DB>, motionIds: string[]) {
  if (motionIds.length === 0) return [];
  const { rows } = await sql<{ motion_id: string; heads: string }>`
    select motion_id, count(*) as heads from current_ballots where motion_id = any(${motionIds}::uuid[]) group by motion_id`.execute(db);
  return rows;
}

/** Area and heads that took part so far, per motion. */
export async function tookPartPerMotion(db: Kysely<DB>, motionIds: string[]) {
  if (motionIds.length === 0) return [];
  const { rows } = await sql<{ motion_id: string; area: string; heads: string }>`
    select cb.motion_id, coalesce(sum(ev.area_hundredths), 0) as area, count(*) as heads
      from current_ballots cb join electorate_voters ev on ev.id = cb.voter_id
     where cb.motion_id = any(${motionIds}::uuid[]) group by cb.motion_id`.execute(db);
  return rows;
}

/** Meetings tallied and not yet certified or returned (awaiting the township's review), per estate. */
export async function awaitingFilingPerEstate(db: Kysely<DB>, estateIds: string[]) {
  const { rows } = await sql<{ estate_id: string; n: string }>`
    select m.estate_id, count(*) as n from meetings m left join filings f on f.meeting_id = m.id
     where m.estate_id = any(${estateIds}::uuid[]) and m.status in ('tallied', 'published') and coalesce(f.status, 'awaiting_review') = 'awaiting_review'
     group by m.estate_id`.execute(db);
  return rows;
}

/** Petitions per estate: still collecting signatures, and those that reached 20 % (R3.4). */
export async function petitionsPerEstate(db: Kysely<DB>, estateIds: string[]) {
  const { rows } = await sql<{ estate_id: string; collecting: string; reached: string }>`
    select estate_id, count(*) filter (where threshold_reached_at is null) as collecting, count(*) filter (where threshold_reached_at is not null) as reached
      from petitions where estate_id = any(${estateIds}::uuid[]) group by estate_id`.execute(db);
  return rows;
}

/** Anomaly flags per estate over its meetings (R7.3). */
export async function anomaliesPerEstate(db: Kysely<DB>, estateIds: string[]) {
  const { rows } = await sql<{ estate_id: string; n: string }>`
    select estate_id, count(*) as n from anomaly_flags where estate_id = any(${estateIds}::uuid[]) group by estate_id`.execute(db);
  return rows;
}
