import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { CopyInto } from '../db/copy.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { applyPlan } from './apply.ts';
import { diffRegistry } from './diff.ts';
import { findImport, insertPreview, lockImport, lockRegistryVersion, markApplied, setRegistryVersion, supersedePreviews } from './imports-repository.ts';
import { decodePlan, encodePlan, planWrites } from './plan.ts';
import type { ImportPreview, OwnerSummary, PreviewSummary, RegistryDiff, RegistryOwner, RegistryUnit } from './types.ts';
import { readCurrentRegistry } from './units.ts';

/**
 * The import service. A file, once read (parse-file.ts), is diffed against
 * the current registry and kept as a preview with its write plan; applying
 * the preview later writes everything in the caller's transaction, only onto
 * the registry version it was computed from.
 */

/** How many entries of each diff list a preview shows; the counts are always complete. */
export const PREVIEW_LIST_LIMIT = 200;

const ownerSummary = (o: RegistryOwner): OwnerSummary => ({ name: o.name, kind: o.kind, idType: o.idType, idTail: o.idTail });

function summarise(diff: RegistryDiff): Omit<PreviewSummary, 'units'> {
  const limit = PREVIEW_LIST_LIMIT;
  const counts = {
    added: diff.added.length,
    removed: diff.removed.length,
    changed: diff.changed.length,
    transfers: diff.transfers.length,
    ownerUpdates: diff.ownerUpdates.length,
    unchanged: diff.unchanged,
  };
  return {
    counts,
    diff: {
      added: diff.added.slice(0, limit).map((u) => u.registryNo),
      removed: diff.removed.slice(0, limit).map((u) => u.registryNo),
      changed: diff.changed.slice(0, limit).map((c) => ({ registryNo: c.registryNo, fields: c.fields })),
      transfers: diff.transfers
        .slice(0, limit)
        .map((t) => ({ registryNo: t.registryNo, from: t.from.map(ownerSummary), to: t.to.map(ownerSummary) })),
      truncated: [counts.added, counts.removed, counts.changed, counts.transfers].some((n) => n > limit),
    },
  };
}

/** Diffs the file's units against the registry at `registryVersion` and stores the preview, superseding any earlier one. */
export async function previewImport(
  trx: Transaction<DB>,
  input: { estateId: string; registryVersion: number; format: 'csv' | 'json'; units: RegistryUnit[]; createdBy: string },
): Promise<ImportPreview> {
  const current = await readCurrentRegistry(trx, input.estateId);
  const diff = diffRegistry(current.units, input.units);
  const summary = { units: input.units.length, ...summarise(diff) };
  const plan = planWrites(input.estateId, current, input.units, diff, summary.counts);
  await supersedePreviews(trx, input.estateId);
  return insertPreview(trx, {
    estateId: input.estateId,
    baseVersion: input.registryVersion,
    format: input.format,
    planGz: encodePlan(plan),
    summary,
    createdBy: input.createdBy,
  });
}

/** The import, or a 404 problem. */
export async function requireImport(db: Kysely<DB>, estateId: string, importId: string): Promise<ImportPreview> {
  const preview = await findImport(db, estateId, importId);
  if (!preview) throw new ProblemError('not-found', 'No such import');
  return preview;
}

/**
 * Applies a preview atomically. Refused when it is not the newest preview or
 * when the registry changed since it was computed (another import applied).
 * The estate's row and the preview's stay locked until `trx` ends.
 */
export async function applyImport(
  trx: Transaction<DB>,
  input: { estateId: string; importId: string; actor: string; now: Date },
  copyInto: CopyInto,
): Promise<ImportPreview> {
  const registryVersion = await lockRegistryVersion(trx, input.estateId);
  const preview = await lockImport(trx, input.estateId, input.importId);
  if (!preview) throw new ProblemError('not-found', 'No such import');
  if (preview.status !== 'previewed') throw new ProblemError('conflict', `This import is ${preview.status}; upload the file again`, { reason: 'import-not-previewed', importStatus: preview.status });
  if (preview.base_version !== registryVersion) {
    throw new ProblemError('conflict', 'The registry changed since this preview was made; upload the file again', { reason: 'registry-changed' });
  }
  const { plan, stored } = decodePlan(preview.plan_gz);
  await applyPlan(trx, input.estateId, plan, input.now, copyInto);

  const version = registryVersion + 1;
  await setRegistryVersion(trx, input.estateId, version);
  await markApplied(trx, preview.id, input.actor, input.now);
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: input.actor,
    action: 'registry.import.applied',
    subject: `estate:${input.estateId}`,
    data: {
      importId: preview.id,
      registryVersion: version,
      counts: plan.counts,
      // The evidence of what was written, without any identity number: the hash of the plan as stored.
      planSha256: createHash('sha256').update(stored).digest('hex'),
      transfers: plan.transfers,
    },
  }, input.now);
  return (await findImport(trx, input.estateId, preview.id))!;
}
