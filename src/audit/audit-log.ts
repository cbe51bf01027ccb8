import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { insertAuditRecord, lockChainHead, selectChain } from './audit-log-repository.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * The append-only audit log. Records form one hash chain per estate (and one
 * for the system): each record's hash covers its content and the previous
 * record's hash, so removing or altering any record breaks every later one.
 * The database refuses UPDATE, DELETE and TRUNCATE on it.
 */

export const GENESIS_HASH = '0'.repeat(64);

export const estateChain = (estateId: string) => `estate:${estateId}`;
export const SYSTEM_CHAIN = 'system';

export interface AuditEntry {
  chain: string;
  /** Who did it: `account:<id>`, `client:<id>` or `system`. */
  actor: string;
  /** What happened, dotted: `registry.import.applied`, `owner.verified`, … */
  action: string;
  /** What it happened to: `estate:<id>`, `owner:<id>`, … */
  subject: string;
  /** Details: no identity numbers, codes or tokens, ever. */
  data: Record<string, unknown>;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: Date;
  prevHash: string;
  hash: string;
}

export function auditHash(record: Omit<AuditRecord, 'hash'>): string {
  const content = canonicalJson({
    chain: record.chain,
    seq: record.seq,
    at: record.at.toISOString(),
    actor: record.actor,
    action: record.action,
    subject: record.subject,
    data: record.data,
    prevHash: record.prevHash,
  });
  return createHash('sha256').update(content).digest('hex');
}

/** Appends within the caller's transaction; the chain's head row stays locked until it commits. */
export async function appendAudit(trx: Transaction<DB>, entry: AuditEntry, at = new Date()): Promise<AuditRecord> {
  const head = await lockChainHead(trx, entry.chain, GENESIS_HASH);
  const unsigned = { ...entry, seq: Number(head.seq) + 1, at, prevHash: head.hash };
  const record: AuditRecord = { ...unsigned, hash: auditHash(unsigned) };
  await insertAuditRecord(trx, { ...record, data: JSON.stringify(record.data) });
  return record;
}

export async function readChain(db: Kysely<DB>, chain: string): Promise<AuditRecord[]> {
  const rows = await selectChain(db, chain);
  return rows.map((r) => ({
    chain: r.chain,
    seq: Number(r.seq),
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    data: r.data as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
}

/** Checks a chain from its first record; returns the first broken seq, or null when whole. */
export function firstBreak(records: AuditRecord[]): number | null {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of records) {
    if (r.seq !== expectedSeq || r.prevHash !== prev || auditHash(r) !== r.hash) return r.seq;
    prev = r.hash;
    expectedSeq += 1;
  }
  return null;
}
