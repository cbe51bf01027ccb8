import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB, PaperEntryTable } from '../db/schema.ts';

/** Paper ballot entries: the rows. The rules (second organiser, checked by cast_ballots) are in paper-and-proxies.ts. */

export type PaperEntryRow = Selectable<PaperEntryTable>;

export async function insertPaperEntry(
  trx: Kysely<DB>,
  entry: {
    motionId: string;
    voterId: string;
    /** The choice as stored: JSON text (null for a spoiled ballot). */
    choice: string;
    spoiled: boolean;
    scan: { url: string; sha256: string };
    signedBy: string | null;
    enteredBy: string;
    enteredAt: Date;
  },
): Promise<PaperEntryRow> {
  return trx
    .insertInto('paper_entries')
    .values({
      motion_id: entry.motionId,
      voter_id: entry.voterId,
      choice: entry.choice,
      spoiled: entry.spoiled,
      scan_url: entry.scan.url,
      scan_sha256: entry.scan.sha256,
      signed_by: entry.signedBy,
      entered_by: entry.enteredBy,
      entered_at: entry.enteredAt,
      status: 'pending',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The meeting's entry, locked `for update` until the transaction ends (one decision per entry), or undefined. */
export async function lockPaperEntry(trx: Transaction<DB>, meetingId: string, entryId: string): Promise<PaperEntryRow | undefined> {
  return trx
    .selectFrom('paper_entries')
    .innerJoin('motions', 'motions.id', 'paper_entries.motion_id')
    .selectAll('paper_entries')
    .where('paper_entries.id', '=', entryId)
    .where('motions.meeting_id', '=', meetingId)
    .forUpdate()
    .executeTakeFirst();
}

export async function storePaperDecision(
  trx: Kysely<DB>,
  entryId: string,
  decision: { status: 'confirmed' | 'rejected'; decidedBy: string; decidedAt: Date; ballotId: string | null },
): Promise<PaperEntryRow> {
  return trx
    .updateTable('paper_entries')
    .set({ status: decision.status, decided_by: decision.decidedBy, decided_at: decision.decidedAt, ballot_id: decision.ballotId })
    .where('id', '=', entryId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Keeps the latest second reading of a paper (double entry), alike or not; the entry stays pending. */
export async function storePaperCheck(
  trx: Kysely<DB>,
  entryId: string,
  check: { choice: string; spoiled: boolean; checkedBy: string; checkedAt: Date },
): Promise<PaperEntryRow> {
  return trx
    .updateTable('paper_entries')
    .set({ check_choice: check.choice, check_spoiled: check.spoiled, checked_by: check.checkedBy, checked_at: check.checkedAt })
    .where('id', '=', entryId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The meeting's entries, in the order they were entered (one paper's entries in the order of its motions). */
export async function paperEntriesOf(db: Kysely<DB>, meetingId: string): Promise<PaperEntryRow[]> {
  return db
    .selectFrom('paper_entries')
    .innerJoin('motions', 'motions.id', 'paper_entries.motion_id')
    .selectAll('paper_entries')
    .where('motions.meeting_id', '=', meetingId)
    .orderBy('paper_entries.entered_at')
    .orderBy('motions.position')
    .execute();
}
