import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ImportPreview, PreviewSummary } from './types.ts';

/**
 * Registry imports (registry_imports): each preview with its stored plan and
 * summary, and the estate's registry version an import is computed from and
 * moves on.
 */

/** Marks the estate's open previews superseded: only the newest preview may be applied. */
export async function supersedePreviews(trx: Transaction<DB>, estateId: string): Promise<void> {
  await trx.updateTable('registry_imports').set({ status: 'superseded' }).where('estate_id', '=', estateId).where('status', '=', 'previewed').execute();
}

export async function insertPreview(
  trx: Transaction<DB>,
  input: { estateId: string; baseVersion: number; format: 'csv' | 'json'; planGz: Buffer; summary: PreviewSummary; createdBy: string },
): Promise<ImportPreview> {
  const row = await trx
    .insertInto('registry_imports')
    .values({
      estate_id: input.estateId,
      base_version: input.baseVersion,
      format: input.format,
      status: 'previewed',
      plan_gz: input.planGz,
      summary: JSON.stringify(input.summary),
      created_by: input.createdBy,
    })
    .returning(['id', 'created_at'])
    .executeTakeFirstOrThrow();
  return {
    id: row.id,
    estateId: input.estateId,
    status: 'previewed',
    baseVersion: input.baseVersion,
    format: input.format,
    ...input.summary,
    createdAt: row.created_at.toISOString(),
    appliedAt: null,
  };
}

export async function findImport(db: Kysely<DB>, estateId: string, importId: string): Promise<ImportPreview | undefined> {
  const row = await db
    .selectFrom('registry_imports')
    .select(['id', 'estate_id', 'status', 'base_version', 'format', 'summary', 'created_at', 'applied_at'])
    .where('id', '=', importId)
    .where('estate_id', '=', estateId)
    .executeTakeFirst();
  if (!row) return undefined;
  const summary = row.summary as PreviewSummary;
  return {
    id: row.id,
    estateId: row.estate_id,
    status: row.status,
    baseVersion: row.base_version,
    format: row.format,
    ...summary,
    createdAt: row.created_at.toISOString(),
    appliedAt: row.applied_at?.toISOString() ?? null,
  };
}

/** The preview with its plan, locked until the transaction ends. */
export async function lockImport(trx: Transaction<DB>, estateId: string, importId: string) {
  return trx
    .selectFrom('registry_imports')
    .select(['id', 'status', 'base_version', 'plan_gz'])
    .where('id', '=', importId)
    .where('estate_id', '=', estateId)
    .forUpdate()
    .executeTakeFirst();
}

export async function markApplied(trx: Transaction<DB>, importId: string, actor: string, now: Date): Promise<void> {
  await trx.updateTable('registry_imports').set({ status: 'applied', applied_at: now, applied_by: actor }).where('id', '=', importId).execute();
}

/** The estate's registry version, its row locked until the transaction ends: imports of one estate apply one at a time. */
export async function lockRegistryVersion(trx: Transaction<DB>, estateId: string): Promise<number> {
  const estate = await trx.selectFrom('estates').select('registry_version').where('id', '=', estateId).forUpdate().executeTakeFirstOrThrow();
  return estate.registry_version;
}

export async function setRegistryVersion(trx: Transaction<DB>, estateId: string, version: number): Promise<void> {
  await trx.updateTable('estates').set({ registry_version: version }).where('id', '=', estateId).execute();
}
