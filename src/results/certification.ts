import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import type { DB, FilingEventKind, FilingStatus, Meeting } from '../db/schema.ts';
import type { ResultSigningKey } from '../identity/keys.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { notifyBodies, notifyOwners } from '../notifications/outbox.ts';
import { ProblemError } from '../problems.ts';
import { requireMeeting } from '../voting/meetings-repository.ts';
import { discrepancyProblem } from './discrepancies.ts';
import { emitEvent } from '../webhooks/events.ts';
import type { Report } from '../tally/index.ts';
import { type MotionResult, type MotionSeal, resultOf, sha256Hex } from './evidence.ts';
import { filingStatusOf, filingsOfTownshipRows, filingWithEvents, lockChainHead, recordFiling } from './filings-repository.ts';
import { decidedMotionsOf } from './notice-repository.ts';
import { type CertifiedMotionNames, certifiedMotionNames } from './certified-names.ts';
import { findTownship } from '../places/townships.ts';
import { sealsOf } from './seal.ts';
import { signCanonical } from '../audit/signing.ts';
import { type AssuranceMixEntry, assuranceMixOf } from './assurance-mix.ts';
import { type ObjectionWindowView, objectionWindowOf, requireFinalResult } from './objections.ts';
import { resultPagePath } from './result-messages.ts';

/**
 * Filing (备案, R4.8). The township's staff review a tallied meeting's
 * result and certify it — the service then signs a canonical form of the
 * result with its Ed25519 key — or return it with written reasons; the
 * organisers answer and re-submit. Ballots and tallies stay frozen
 * throughout: what organisers can correct is the paperwork around them
 * (a missing document, an unclear notice), answered in writing. Later, a
 * court's revocation or an order to correct can be recorded against a
 * certified decision. Every step is audited.
 */

export const CERTIFICATION_FORMAT = 'gongjue.certification';

/** Version 1 (before issue 17's second part): ids and figures only. Still stored, still verified, never made again. */
export type CertificationPayloadV1 = {
  format: typeof CERTIFICATION_FORMAT;
  version: 1;
  decision: 'certified';
  estate: { id: string; townshipId: string };
  meeting: { id: string };
  motions: { motionId: string; result: MotionResult; seal: MotionSeal }[];
  /** The estate's audit chain head when certified: the 'result.certified' record follows it. */
  audit: { chain: string; seq: number; hash: string };
  certifiedAt: string;
  certifiedBy: string;
  keyId: string;
};

/**
 * Version 2: also the names a reader of the printed notice compares — the estate's and the
 * township's names, the meeting's title and per motion its title, matter, kind, labels and the
 * verdict's words (certified-names.ts) — so the public check can prove them too.
 */
export type CertificationPayloadV2 = Omit<CertificationPayloadV1, 'version' | 'estate' | 'meeting' | 'motions'> & {
  version: 2;
  estate: { id: string; townshipId: string; name: string };
  township: { name: string };
  meeting: { id: string; title: string };
  motions: ({ motionId: string; result: MotionResult; seal: MotionSeal } & CertifiedMotionNames)[];
};

export type CertificationPayload = CertificationPayloadV1 | CertificationPayloadV2;

export interface FilingView {
  meetingId: string;
  estateId: string;
  townshipId: string;
  status: FilingStatus;
  updatedAt: string | null;
  certifiedAt: string | null;
  certifiedBy: string | null;
  keyId: string | null;
  publicKey: string | null;
  signature: string | null;
  payload: CertificationPayload | null;
  events: { kind: FilingEventKind; actor: string; at: string; text: string; reference: string | null }[];
  /** Issue 14: per motion (by id), the standing ballots per channel and level of identity assurance, for the township to weigh before certifying. */
  assurance: Record<string, AssuranceMixEntry[]>;
  /** R7.2: the objection window (询异公示) of the published result; null when it has none (final at publication) or is unpublished. */
  objectionWindow: ObjectionWindowView | null;
}

interface Located {
  meeting: Meeting;
  townshipId: string;
  status: FilingStatus | null;
}

async function townshipName(trx: Transaction<DB>, townshipId: string): Promise<string | undefined> {
  return (await findTownship(trx, townshipId))?.name;
}

/** The meeting, locked: filing steps on one meeting happen one at a time. */
async function locate(trx: Transaction<DB>, meetingId: string): Promise<Located> {
  const meeting = await requireMeeting(trx, meetingId, { lock: 'update' });
  if (meeting.status === 'discrepancy') throw await discrepancyProblem(trx, meetingId, 'file or certify the result');
  if (meeting.status !== 'tallied' && meeting.status !== 'published') {
    throw new ProblemError('conflict', `Only a tallied result can be filed; the meeting is ${meeting.status}`, { status: meeting.status });
  }
  const estate = await estateColumns(trx, meeting.estate_id, ['township_id']);
  const filing = await filingStatusOf(trx, meetingId);
  return { meeting, townshipId: estate.township_id, status: filing?.status ?? null };
}

function requireFilingStatus(found: Located, allowed: FilingStatus[], doing: string) {
  // Nothing filed yet: a tallied result awaits review.
  const status = found.status ?? 'awaiting_review';
  if (!allowed.includes(status)) {
    throw new ProblemError('conflict', `Cannot ${doing}: the result is ${status.replace('_', ' ')}`, { filingStatus: status });
  }
}

async function record(
  trx: Transaction<DB>,
  found: Located,
  change: { status: FilingStatus; kind: FilingEventKind; actor: string; now: Date; text: string; reference?: string | null },
  signed?: { payload: CertificationPayload; signature: string; key: ResultSigningKey },
) {
  const values = {
    meeting_id: found.meeting.id,
    estate_id: found.meeting.estate_id,
    township_id: found.townshipId,
    status: change.status,
    updated_at: change.now,
    ...(signed
      ? {
          certified_at: change.now,
          certified_by: change.actor,
          payload: JSON.stringify(signed.payload),
          signature: signed.signature,
          key_id: signed.key.keyId,
          public_key: signed.key.publicKey,
        }
      : {}),
  };
  await recordFiling(trx, values, {
    meeting_id: found.meeting.id,
    kind: change.kind,
    actor: change.actor,
    at: change.now,
    text: change.text,
    reference: change.reference ?? null,
  });
}

/**
 * Certifies and signs. `payloadVersion` 1 exists only so that tests can store a certification as
 * it was made before version 2 and prove it still verifies everywhere; every route signs version 2.
 */
export async function certify(
  trx: Transaction<DB>,
  meetingId: string,
  input: { actor: string; now: Date; key: ResultSigningKey; payloadVersion?: 1 | 2 },
): Promise<void> {
  const found = await locate(trx, meetingId);
  requireFilingStatus(found, ['awaiting_review'], 'certify');
  // R7.2: only a final result is certified — its objection window ended, every objection answered.
  await requireFinalResult(trx, found.meeting, input.actor, input.now);
  const chain = estateChain(found.meeting.estate_id);
  // Locked until commit: the 'result.certified' record below follows exactly this head.
  const head = await lockChainHead(trx, chain);
  const seals = await sealsOf(trx, meetingId);
  const motions = await decidedMotionsOf(trx, meetingId);
  const { name: estateName } = await estateColumns(trx, found.meeting.estate_id, ['name']);
  const signedMotions = motions.map((m) => {
    const seal = seals.get(m.id);
    if (!seal) throw new ProblemError('conflict', 'This result was tallied before results were sealed; it cannot be certified');
    const { settings: _, ...motionSeal } = seal;
    const report = m.report as Report;
    return { motionId: m.id, result: resultOf(report), seal: motionSeal, names: certifiedMotionNames(m, report) };
  });
  const common = {
    format: CERTIFICATION_FORMAT as typeof CERTIFICATION_FORMAT,
    decision: 'certified' as const,
    audit: { chain, seq: Number(head.seq), hash: head.hash },
    certifiedAt: input.now.toISOString(),
    certifiedBy: input.actor,
    keyId: input.key.keyId,
  };
  const payload: CertificationPayload =
    input.payloadVersion === 1
      ? {
          ...common,
          version: 1,
          estate: { id: found.meeting.estate_id, townshipId: found.townshipId },
          meeting: { id: meetingId },
          motions: signedMotions.map(({ motionId, result, seal }) => ({ motionId, result, seal })),
        }
      : {
          ...common,
          version: 2,
          estate: { id: found.meeting.estate_id, townshipId: found.townshipId, name: estateName },
          township: { name: (await townshipName(trx, found.townshipId)) ?? '' },
          meeting: { id: meetingId, title: found.meeting.title },
          motions: signedMotions.map(({ motionId, result, seal, names }) => ({ motionId, ...names, result, seal })),
        };
  const signature = signCanonical(input.key.privateKey, payload);
  await record(trx, found, { status: 'certified', kind: 'certified', actor: input.actor, now: input.now, text: '' }, { payload, signature, key: input.key });
  const certified = {
    estateId: found.meeting.estate_id,
    topic: 'result.certified',
    kind: 'result_certified' as const,
    params: { estate: estateName, meeting: found.meeting.title, link: resultPagePath(meetingId) },
    subjectId: meetingId,
    body: `【${estateName}业主大会】“${found.meeting.title}”的表决结果已经街道（乡镇）备案，请登录查看。`,
    now: input.now,
  };
  await notifyBodies(trx, ['residents_committee'], certified);
  await notifyOwners(trx, certified);
  await emitEvent(trx, {
    type: 'result.certified',
    estateId: found.meeting.estate_id,
    meetingId,
    data: { certifiedAt: payload.certifiedAt, keyId: input.key.keyId, signature, motions: payload.motions.map((m) => ({ motionId: m.motionId })) },
  }, input.now);
  await appendAudit(
    trx,
    {
      chain,
      actor: input.actor,
      action: 'result.certified',
      subject: `meeting:${meetingId}`,
      data: { keyId: input.key.keyId, signature, payloadSha256: sha256Hex(canonicalJson(payload)) },
    },
    input.now,
  );
}

/** One unsigned step of the filing: checked against the current status, recorded, audited. */
async function step(
  trx: Transaction<DB>,
  meetingId: string,
  rule: { allowed: FilingStatus[]; doing: string; status: FilingStatus; kind: FilingEventKind },
  input: { actor: string; now: Date; text: string; reference?: string; data: Record<string, unknown> },
): Promise<void> {
  const found = await locate(trx, meetingId);
  requireFilingStatus(found, rule.allowed, rule.doing);
  await record(trx, found, { status: rule.status, kind: rule.kind, actor: input.actor, now: input.now, text: input.text, reference: input.reference ?? null });
  await appendAudit(
    trx,
    { chain: estateChain(found.meeting.estate_id), actor: input.actor, action: `result.${rule.kind}`, subject: `meeting:${meetingId}`, data: input.data },
    input.now,
  );
}

export async function returnResult(trx: Transaction<DB>, meetingId: string, input: { reasons: string; actor: string; now: Date }): Promise<void> {
  await step(
    trx,
    meetingId,
    { allowed: ['awaiting_review'], doing: 'return the result', status: 'returned', kind: 'returned' },
    { ...input, text: input.reasons, data: { reasons: input.reasons } },
  );
}

export async function resubmit(trx: Transaction<DB>, meetingId: string, input: { response: string; actor: string; now: Date }): Promise<void> {
  await step(
    trx,
    meetingId,
    { allowed: ['returned'], doing: 're-submit (only a returned result is re-submitted)', status: 'awaiting_review', kind: 'resubmitted' },
    { ...input, text: input.response, data: { response: input.response } },
  );
}

export type RulingKind = 'correction_ordered' | 'revoked';

/** A court's revocation (民法典 第二百八十条) or the authorities' order to correct (条例 第十九条), against a certified decision. */
export async function recordRuling(
  trx: Transaction<DB>,
  meetingId: string,
  input: { kind: RulingKind; reference: string; text: string; actor: string; now: Date },
): Promise<void> {
  const revocation = input.kind === 'revoked';
  await step(
    trx,
    meetingId,
    {
      allowed: revocation ? ['certified', 'correction_ordered'] : ['certified'],
      doing: `record ${revocation ? 'a revocation' : 'an order to correct'}`,
      status: input.kind,
      kind: input.kind,
    },
    { ...input, data: { reference: input.reference, text: input.text } },
  );
}

export async function filingOf(db: Kysely<DB>, meeting: Meeting, now: Date): Promise<FilingView> {
  const [[filing, events], estate, mix, objectionWindow] = await Promise.all([
    filingWithEvents(db, meeting.id),
    estateColumns(db, meeting.estate_id, ['township_id']),
    assuranceMixOf(db, meeting.id),
    objectionWindowOf(db, meeting, now),
  ]);
  return {
    meetingId: meeting.id,
    estateId: meeting.estate_id,
    townshipId: estate.township_id,
    status: filing?.status ?? 'awaiting_review',
    updatedAt: filing?.updated_at.toISOString() ?? null,
    certifiedAt: filing?.certified_at?.toISOString() ?? null,
    certifiedBy: filing?.certified_by ?? null,
    keyId: filing?.key_id ?? null,
    publicKey: filing?.public_key ?? null,
    signature: filing?.signature ?? null,
    payload: (filing?.payload as CertificationPayload | null | undefined) ?? null,
    events: events.map((e) => ({ kind: e.kind, actor: e.actor, at: e.at.toISOString(), text: e.text, reference: e.reference })),
    assurance: Object.fromEntries(mix),
    objectionWindow,
  };
}

export interface ReviewItem {
  meetingId: string;
  estateId: string;
  estateName: string;
  title: string;
  meetingStatus: Meeting['status'];
  closedAt: string | null;
  filingStatus: FilingStatus;
  updatedAt: string | null;
}

/** A township's tallied meetings by filing status; by default those awaiting review. */
export async function filingsOfTownship(db: Kysely<DB>, townshipId: string, status: FilingStatus | 'all'): Promise<ReviewItem[]> {
  const rows = await filingsOfTownshipRows(db, townshipId, status);
  return rows.map((r) => ({
    meetingId: r.id,
    estateId: r.estate_id,
    estateName: r.estateName,
    title: r.title,
    meetingStatus: r.status,
    closedAt: r.closed_at?.toISOString() ?? null,
    filingStatus: r.filingStatus,
    updatedAt: r.updated_at?.toISOString() ?? null,
  }));
}
