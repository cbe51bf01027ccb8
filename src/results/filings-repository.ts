import { type Insertable, type Kysely, sql, type Transaction } from 'kysely';
import type { DB, FilingStatus } from '../db/schema.ts';

/** Filings (备案) and their events: the rows. The logic is in certification.ts. */

export async function filingStatusOf(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('filings').select('status').where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** The filing's new state (inserted or updated), and the event that led to it. */
export async function recordFiling(
  trx: Transaction<DB>,
  filing: Insertable<DB['filings']>,
  event: Insertable<DB['filing_events']>,
): Promise<void> {
  await trx
    .insertInto('filings')
    .values(filing)
    .onConflict((oc) => oc.column('meeting_id').doUpdateSet(filing))
    .execute();
  await trx.insertInto('filing_events').values(event).execute();
}

/** The estate chain's head, locked until commit: the record appended next follows exactly it. */
export async function lockChainHead(trx: Transaction<DB>, chain: string) {
  return trx.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain).forUpdate().executeTakeFirstOrThrow();
}

/** A meeting's filing, if any, and its events in order. */
export async function filingWithEvents(db: Kysely<DB>, meetingId: string) {
  return Promise.all([
    db.selectFrom('filings').selectAll().where('meeting_id', '=', meetingId).executeTakeFirst(),
    db.selectFrom('filing_events').selectAll().where('meeting_id', '=', meetingId).orderBy('id').execute(),
  ]);
}

/** The filing's status, when and with which key it was certified; undefined while nothing is filed. */
export async function filingSummaryOf(db: Kysely<DB>, meetingId: string) {
  return db.selectFrom('filings').select(['status', 'certified_at', 'key_id']).where('meeting_id', '=', meetingId).executeTakeFirst();
}

/** A township's tallied or published meetings with their filing status (awaiting review while nothing is filed), oldest close first. */
export async function filingsOfTownshipRows(db: Kysely<DB>, townshipId: string, status: FilingStatus | 'all') {
  return db
    .selectFrom('meetings')
    .innerJoin('estates', 'estates.id', 'meetings.estate_id')
    .leftJoin('filings', 'filings.meeting_id', 'meetings.id')
    .select([
      'meetings.id',
      'meetings.estate_id',
      'estates.name as estateName',
      'meetings.title',
      'meetings.status',
      'meetings.closed_at',
      sql<FilingStatus>`coalesce(filings.status, 'awaiting_review')`.as('filingStatus'),
      'filings.updated_at',
    ])
    .where('estates.township_id', '=', townshipId)
    .where('meetings.status', 'in', ['tallied', 'published'])
    .$if(status !== 'all', (q) => q.where(sql<string>`coalesce(filings.status, 'awaiting_review')`, '=', status))
    .orderBy('meetings.closed_at')
    .limit(500)
    .execute();
}

/** A meeting's signed certification, if any, with the name of the township that certified it (the public check). */
export async function certificationOf(db: Kysely<DB>, meetingId: string) {
  return db
    .selectFrom('filings')
    .innerJoin('townships', 'townships.id', 'filings.township_id')
    .select(['filings.status', 'filings.certified_at', 'filings.payload', 'filings.signature', 'filings.key_id', 'filings.public_key', 'townships.name as townshipName'])
    .where('filings.meeting_id', '=', meetingId)
    .executeTakeFirst();
}
