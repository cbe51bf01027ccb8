import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AuditHeadTable, AuditLogTable, DB } from '../db/schema.ts';

/** The audit log's SQL (audit-log.ts): chain heads and records, append-only. */

/**
 * The head of a chain (its last seq and hash), locked until the transaction
 * ends so two appends to one chain queue; a chain not yet begun starts at
 * `genesisHash`. Takes a transaction: the lock is what makes the chain one line.
 */
export async function lockChainHead(trx: Transaction<DB>, chain: string, genesisHash: string): Promise<Pick<Selectable<AuditHeadTable>, 'seq' | 'hash'>> {
  await trx.insertInto('audit_heads').values({ chain, seq: 0, hash: genesisHash }).onConflict((oc) => oc.column('chain').doNothing()).execute();
  return trx.selectFrom('audit_heads').select(['seq', 'hash']).where('chain', '=', chain).forUpdate().executeTakeFirstOrThrow();
}

/** Writes a record and moves its chain's head to it. */
export async function insertAuditRecord(
  trx: Transaction<DB>,
  record: { chain: string; seq: number; at: Date; actor: string; action: string; subject: string; data: string; prevHash: string; hash: string },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      chain: record.chain,
      seq: record.seq,
      at: record.at,
      actor: record.actor,
      action: record.action,
      subject: record.subject,
      data: record.data,
      prev_hash: record.prevHash,
      hash: record.hash,
    })
    .execute();
  await trx.updateTable('audit_heads').set({ seq: record.seq, hash: record.hash }).where('chain', '=', record.chain).execute();
}

export async function selectChain(db: Kysely<DB>, chain: string): Promise<Selectable<AuditLogTable>[]> {
  return db.selectFrom('audit_log').selectAll().where('chain', '=', chain).orderBy('seq').execute();
}
