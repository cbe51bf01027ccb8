import type { Kysely, Transaction } from 'kysely';
import type { DB, EmergencyKind, EmergencyUseEventKind, EmergencyUseStatus } from '../db/schema.ts';

/** Emergency uses of the maintenance fund, their quotes and events: the rows. The logic is in emergency-uses.ts. */

export async function insertEmergencyUse(
  trx: Transaction<DB>,
  row: { estateId: string; townshipId: string; kind: EmergencyKind; title: string; reason: string; amountFen: bigint; actor: string; now: Date },
) {
  return trx
    .insertInto('emergency_uses')
    .values({
      estate_id: row.estateId,
      township_id: row.townshipId,
      kind: row.kind,
      title: row.title,
      reason: row.reason,
      amount_fen: row.amountFen.toString(),
      status: 'awaiting_review',
      filed_by: row.actor,
      filed_at: row.now,
      updated_at: row.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function insertQuotes(trx: Transaction<DB>, useId: string, attachmentIds: readonly string[]) {
  if (attachmentIds.length === 0) return;
  await trx
    .insertInto('emergency_use_quotes')
    .values(attachmentIds.map((id, position) => ({ emergency_use_id: useId, attachment_id: id, position })))
    .execute();
}

export async function insertEvent(trx: Transaction<DB>, event: { useId: string; kind: EmergencyUseEventKind; actor: string; at: Date; text: string }) {
  await trx.insertInto('emergency_use_events').values({ emergency_use_id: event.useId, kind: event.kind, actor: event.actor, at: event.at, text: event.text }).execute();
}

export async function findEmergencyUse(db: Kysely<DB>, id: string) {
  return db.selectFrom('emergency_uses').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockEmergencyUse(trx: Transaction<DB>, id: string) {
  return trx.selectFrom('emergency_uses').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function setStatus(trx: Transaction<DB>, id: string, status: EmergencyUseStatus, now: Date) {
  await trx.updateTable('emergency_uses').set({ status, updated_at: now }).where('id', '=', id).execute();
}

/** An emergency use as every read of whole uses answers it: its row and its estate's name. */
function usesWithEstateName(db: Kysely<DB>) {
  return db
    .selectFrom('emergency_uses')
    .innerJoin('estates', 'estates.id', 'emergency_uses.estate_id')
    .selectAll('emergency_uses')
    .select('estates.name as estateName');
}

export async function emergencyUsesOfEstate(db: Kysely<DB>, estateId: string, limit: number) {
  return usesWithEstateName(db)
    .where('emergency_uses.estate_id', '=', estateId)
    .orderBy('emergency_uses.filed_at', 'desc')
    .limit(limit)
    .execute();
}

/** How many emergency uses each of these estates has filed (estates without any are absent). */
export async function emergencyUseCounts(db: Kysely<DB>, estateIds: readonly string[]): Promise<Map<string, number>> {
  if (estateIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('emergency_uses')
    .select(['estate_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('estate_id', 'in', estateIds)
    .groupBy('estate_id')
    .execute();
  return new Map(rows.map((r) => [r.estate_id, Number(r.n)]));
}

export async function emergencyUseRow(db: Kysely<DB>, id: string) {
  return usesWithEstateName(db).where('emergency_uses.id', '=', id).execute();
}

export async function emergencyUsesOfTownship(db: Kysely<DB>, townshipId: string, status: EmergencyUseStatus | 'all', limit: number) {
  return usesWithEstateName(db)
    .where('emergency_uses.township_id', '=', townshipId)
    .$if(status !== 'all', (q) => q.where('emergency_uses.status', '=', status as EmergencyUseStatus))
    .orderBy('emergency_uses.filed_at', 'desc')
    .limit(limit)
    .execute();
}

export async function quotesOf(db: Kysely<DB>, useIds: readonly string[]) {
  if (useIds.length === 0) return [];
  return db
    .selectFrom('emergency_use_quotes')
    .innerJoin('attachments', 'attachments.id', 'emergency_use_quotes.attachment_id')
    .select([
      'emergency_use_quotes.emergency_use_id',
      'attachments.id',
      'attachments.estate_id',
      'attachments.name',
      'attachments.content_type',
      'attachments.size',
      'attachments.sha256',
      'attachments.uploaded_by',
      'attachments.created_at',
    ])
    .where('emergency_use_quotes.emergency_use_id', 'in', [...useIds])
    .orderBy('emergency_use_quotes.position')
    .execute();
}

export async function eventsOf(db: Kysely<DB>, useIds: readonly string[]) {
  if (useIds.length === 0) return [];
  return db.selectFrom('emergency_use_events').selectAll().where('emergency_use_id', 'in', [...useIds]).orderBy('id').execute();
}

/** The estate's emergency uses filed in [from, to], in the order filed. */
export async function emergencyUsesFiledBetween(db: Kysely<DB>, estateId: string, from: Date, to: Date) {
  return usesWithEstateName(db)
    .where('emergency_uses.estate_id', '=', estateId)
    .where('emergency_uses.filed_at', '>=', from)
    .where('emergency_uses.filed_at', '<=', to)
    .orderBy('emergency_uses.filed_at')
    .orderBy('emergency_uses.id')
    .execute();
}
