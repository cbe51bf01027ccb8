import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { findPetition, type Petition } from '../places/records-repository.ts';
import { tallyUnitsOf } from '../registry/units.ts';
import { ProblemError } from '../problems.ts';
import { notifyBodies } from '../notifications/outbox.ts';
import { decide, electorate, formatArea, minimumNeeded, PETITION_RULE } from '../tally/index.ts';
import { insertPetition, insertSignatures, lockPetition, markThresholdReached, ownersBoundTo, petitionsOfEstate, signersOf, signersOfMany } from './petitions-repository.ts';

/**
 * Petitions (R3.4): owners holding ≥ 20 % of the area AND ≥ 20 % of the heads
 * may require a temporary meeting (or, in some cities, must first ask before
 * parking is added on common ground). Progress is counted by the tally
 * engine over the registry as it stands: a head has signed when any of its
 * owners has. Crossing the threshold notifies the committee and the township.
 */

export interface PetitionView {
  id: string;
  estateId: string;
  purpose: 'temporary_meeting' | 'parking_expansion';
  title: string;
  text: string;
  createdAt: string;
  thresholdReachedAt: string | null;
  progress: {
    signed: { area: string; heads: number };
    total: { area: string; heads: number };
    needed: { area: string; heads: number };
    met: boolean;
  };
}

/** The estate's electorate as petitions count it: the registry as it stands, under the estate's settings. */
async function petitionElectorate(db: Kysely<DB>, estateId: string) {
  const settings = (await estateSettingsOf(db, estateId)).tally;
  const units = await tallyUnitsOf(db, estateId);
  const { voters, total } = units.length === 0 ? { voters: [], total: { area: 0n, heads: 0n } } : electorate(units, settings);
  return { settings, voters, total };
}

/** One petition's signatures against the electorate: the one home of R3.4's arithmetic (exact, BigInt). */
function progressAgainst(e: Awaited<ReturnType<typeof petitionElectorate>>, petitionId: string, signers: Set<string>): PetitionView['progress'] {
  const { settings, voters, total } = e;
  let area = 0n;
  let heads = 0n;
  for (const v of voters) {
    if (v.owners.some((o) => signers.has(o))) {
      area += v.area;
      heads += 1n;
    }
  }
  const decision = decide(
    { TA: total.area, TH: total.heads, PA: area, PH: heads, choices: { sign: { area, heads } } },
    { kind: 'petition', matter: 'other_major', id: petitionId },
    settings,
  );
  return {
    signed: { area: formatArea(area), heads: Number(heads) },
    total: { area: formatArea(total.area), heads: Number(total.heads) },
    needed: {
      area: formatArea(minimumNeeded(total.area, PETITION_RULE.approval)),
      heads: Number(minimumNeeded(total.heads, PETITION_RULE.approval)),
    },
    met: decision.verdict.outcome === 'threshold_met',
  };
}

async function progressOf(db: Kysely<DB>, estateId: string, petitionId: string) {
  return progressAgainst(await petitionElectorate(db, estateId), petitionId, await signersOf(db, petitionId));
}

const viewOf = (p: Petition, progress: PetitionView['progress']): PetitionView => ({
  id: p.id,
  estateId: p.estate_id,
  purpose: p.purpose,
  title: p.title,
  text: p.text,
  createdAt: p.created_at.toISOString(),
  thresholdReachedAt: p.threshold_reached_at?.toISOString() ?? null,
  progress,
});

/**
 * An estate's petitions, newest first, a page at a time, each with its progress: the electorate
 * is read once for the page, not once per petition.
 */
export async function estatePetitions(db: Kysely<DB>, estateId: string, page: { limit: number; offset: number }): Promise<{ items: PetitionView[]; total: number }> {
  const [{ rows, total }, e] = await Promise.all([petitionsOfEstate(db, estateId, page), petitionElectorate(db, estateId)]);
  const signers = await signersOfMany(db, rows.map((r) => r.id));
  return { items: rows.map((r) => viewOf(r, progressAgainst(e, r.id, signers.get(r.id) ?? new Set()))), total };
}

export async function petitionView(db: Kysely<DB>, petitionId: string): Promise<PetitionView> {
  const p = await findPetition(db, petitionId);
  if (!p) throw new ProblemError('not-found', 'No such petition');
  return viewOf(p, await progressOf(db, p.estate_id, p.id));
}

export async function createPetition(
  trx: Transaction<DB>,
  input: { estateId: string; purpose: PetitionView['purpose']; title: string; text: string; accountId: string; now: Date },
): Promise<string> {
  const id = await insertPetition(trx, input);
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: `account:${input.accountId}`,
    action: 'petition.created',
    subject: `petition:${id}`,
    data: { purpose: input.purpose, title: input.title },
  }, input.now);
  return id;
}

/** Starts a petition: created, and signed by whoever started it. */
export async function startPetition(
  trx: Transaction<DB>,
  input: { estateId: string; purpose: PetitionView['purpose']; title: string; text: string; accountId: string; now: Date },
): Promise<string> {
  const id = await createPetition(trx, input);
  await signPetition(trx, { petitionId: id, accountId: input.accountId, now: input.now });
  return id;
}

/** Signs for every owner the account is verified as in the petition's estate. */
export async function signPetition(trx: Transaction<DB>, input: { petitionId: string; accountId: string; now: Date }): Promise<void> {
  const petition = await lockPetition(trx, input.petitionId);
  if (!petition) throw new ProblemError('not-found', 'No such petition');
  const mine = await ownersBoundTo(trx, input.accountId, petition.estate_id);
  if (mine.length === 0) throw new ProblemError('forbidden', 'Only verified owners of the estate may sign');
  await insertSignatures(trx, { petitionId: petition.id, owners: mine, accountId: input.accountId, now: input.now });
  await appendAudit(trx, {
    chain: estateChain(petition.estate_id),
    actor: `account:${input.accountId}`,
    action: 'petition.signed',
    subject: `petition:${petition.id}`,
    data: { owners: mine },
  }, input.now);
  if (petition.threshold_reached_at !== null) return;
  const progress = await progressOf(trx, petition.estate_id, petition.id);
  if (!progress.met) return;
  await markThresholdReached(trx, petition.id, input.now);
  const { name: estateName } = await estateColumns(trx, petition.estate_id, ['name']);
  const body = `【联名提议】“${petition.title}”已获专有部分面积 ${progress.signed.area}㎡（总 ${progress.total.area}㎡）、${progress.signed.heads} 人（总 ${progress.total.heads} 人）联名，达到 20% 的法定比例。`;
  await notifyBodies(trx, ['committee', 'township'], {
    estateId: petition.estate_id,
    topic: 'petition.threshold_reached',
    kind: 'petition_threshold',
    params: { estate: estateName, petition: petition.title, link: `/petitions/${petition.id}` },
    subjectId: petition.id,
    body,
    now: input.now,
  });
  await appendAudit(trx, {
    chain: estateChain(petition.estate_id),
    actor: 'system',
    action: 'petition.threshold_reached',
    subject: `petition:${petition.id}`,
    data: progress,
  }, input.now);
}
