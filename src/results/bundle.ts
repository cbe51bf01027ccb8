import type { Kysely } from 'kysely';
import { estateChain, readChain } from '../audit/audit-log.ts';
import type { DB, Meeting } from '../db/schema.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { ProblemError } from '../problems.ts';
import { discrepancyProblem } from './discrepancies.ts';
import type { Report } from '../tally/index.ts';
import { filingOf } from './certification.ts';
import { type MotionResult, type MotionSeal, resultOf, sha256Hex } from './evidence.ts';
import { canonicalJson } from '../audit/canonical-json.ts';
import { findTownship } from '../places/townships.ts';
import { type BundleEmergencyUse, emergencyUsesForBundle } from '../fund/emergency-uses.ts';
import { type BundleObjection, objectionsForBundle } from './objections.ts';
import { decidedReportsOf } from './motion-results-repository.ts';
import { tallyRecordsOf, type TallyRecordJson } from './records.ts';
import { sealsOf } from './seal.ts';
import { type AssuranceMixEntry, assuranceMixOf } from './assurance-mix.ts';
import { type BundleProxyEnding, proxyEndingsForBundle } from '../voting/proxy-endings.ts';

/**
 * The export bundle (docs/bundle.md): everything needed to check a
 * meeting's results without trusting the server — per motion the tally
 * record, the stored result and the seal made at close; the filing with
 * its Ed25519 signature and the public key; and the estate's whole audit
 * chain up to its head; since version 2 also the owners' objections with
 * the committee's answers and the estate's emergency uses of the fund while
 * the meeting ran; since version 3 also the meeting's written proxies that
 * were rejected or revoked. `gongjue verify` checks it. It names no one:
 * owners are opaque ids (an objection's owner and a proxy's grantor are
 * masked as in the notice, a proxy's holder by the masked phone), and no
 * name or identity number is in it.
 */

export const BUNDLE_FORMAT = 'gongjue.result-bundle';

export interface BundleAuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** SHA-256 of a section's canonical JSON, and how many entries it has: the bundle's manifest (docs/bundle.md). */
export interface SectionDigest {
  count: number;
  sha256: string;
}

export const sectionDigest = (entries: readonly unknown[]): SectionDigest => ({ count: entries.length, sha256: sha256Hex(canonicalJson(entries)) });

export type Bundle = {
  format: typeof BUNDLE_FORMAT;
  /**
   * 2: with the township's name, the objections, the emergency uses and the manifest; 3: with the
   * proxy endings too. `gongjue verify` still reads versions 1 and 2.
   */
  version: 3;
  generatedAt: string;
  estate: { id: string; name: string; townshipId: string };
  township: { id: string; name: string };
  meeting: { id: string; title: string; status: Meeting['status']; votingOpensAt: string; votingClosesAt: string; closedAt: string | null; publishedAt: string | null };
  motions: {
    motionId: string;
    position: number;
    title: string;
    record: TallyRecordJson;
    result: MotionResult;
    decidedAt: string;
    seal: MotionSeal;
    /** Issue 14: standing ballots per channel and level of identity assurance (docs/bundle.md). */
    assurance: AssuranceMixEntry[];
  }[];
  certification: {
    status: string;
    algorithm: 'Ed25519';
    keyId: string;
    publicKey: string;
    payload: unknown;
    signature: string;
    events: { kind: string; actor: string; at: string; text: string; reference: string | null }[];
  } | null;
  audit: { chain: string; head: { seq: number; hash: string }; records: BundleAuditRecord[] };
  /** R7.2: the owners' objections to how their ballots were recorded, each with the committee's answer; the owner masked. */
  objections: BundleObjection[];
  /**
   * R4.9: the estate's uses of the maintenance fund without a vote filed while the meeting ran:
   * from its creation (its 'meeting.created' audit record) to its close.
   */
  emergencyUses: { from: string; to: string; uses: BundleEmergencyUse[] };
  /** R4.3, issue 16: the meeting's written proxies rejected by an organiser or revoked, as the audit chain recorded each end. */
  proxyEndings: BundleProxyEnding[];
  /** Digests of the sections above that no seal covers, so a changed or truncated copy is seen. */
  manifest: { objections: SectionDigest; emergencyUses: SectionDigest; proxyEndings: SectionDigest };
};

export async function exportBundle(db: Kysely<DB>, meeting: Meeting, now: Date): Promise<Bundle> {
  if (meeting.status === 'discrepancy') throw await discrepancyProblem(db, meeting.id, 'export the result');
  if (meeting.status !== 'tallied' && meeting.status !== 'published') {
    throw new ProblemError('conflict', `There is no result to export: the meeting is ${meeting.status}`, { status: meeting.status });
  }
  const estate = await estateColumns(db, meeting.estate_id, ['id', 'name', 'township_id']);
  const seals = await sealsOf(db, meeting.id);
  if (seals.size === 0) throw new ProblemError('conflict', 'This meeting was tallied before results were sealed; it has no bundle');
  const stored = new Map(
    (await decidedReportsOf(db, meeting.id)).map((r) => [r.motion_id, r]),
  );
  const records = await tallyRecordsOf(db, meeting, (motionId) => seals.get(motionId)!.settings);
  const [filing, chain, mix] = await Promise.all([filingOf(db, meeting, now), readChain(db, estateChain(estate.id)), assuranceMixOf(db, meeting.id)]);
  const last = chain.at(-1);
  const created = chain.find((r) => r.action === 'meeting.created' && r.subject === `meeting:${meeting.id}`);
  const period = { from: created?.at ?? meeting.created_at, to: meeting.closed_at ?? meeting.voting_closes_at };
  const [township, objections, emergencyUses, proxyEndings] = await Promise.all([
    findTownship(db, estate.township_id),
    objectionsForBundle(db, meeting.id),
    emergencyUsesForBundle(db, estate.id, period.from, period.to),
    proxyEndingsForBundle(db, meeting.id),
  ]);
  return {
    format: BUNDLE_FORMAT,
    version: 3,
    generatedAt: now.toISOString(),
    estate: { id: estate.id, name: estate.name, townshipId: estate.township_id },
    township: { id: estate.township_id, name: township?.name ?? '' },
    meeting: {
      id: meeting.id,
      title: meeting.title,
      status: meeting.status,
      votingOpensAt: meeting.voting_opens_at.toISOString(),
      votingClosesAt: meeting.voting_closes_at.toISOString(),
      closedAt: meeting.closed_at?.toISOString() ?? null,
      publishedAt: meeting.published_at?.toISOString() ?? null,
    },
    motions: records.map(({ motionId, position, title, record }) => {
      const { settings: _, ...seal } = seals.get(motionId)!;
      const result = stored.get(motionId)!;
      return {
        motionId,
        position,
        title,
        record,
        result: resultOf(result.report as Report),
        decidedAt: result.decided_at.toISOString(),
        seal,
        assurance: mix.get(motionId) ?? [],
      };
    }),
    certification:
      filing.signature === null || filing.keyId === null || filing.publicKey === null
        ? null
        : {
            status: filing.status,
            algorithm: 'Ed25519',
            keyId: filing.keyId,
            // The key that signed it; verifiers should pin the one published at /.well-known/gongjue/result-signing-key.
            publicKey: filing.publicKey,
            payload: filing.payload,
            signature: filing.signature,
            events: filing.events,
          },
    audit: {
      chain: estateChain(estate.id),
      head: { seq: last?.seq ?? 0, hash: last?.hash ?? '' },
      records: chain.map((r) => ({ seq: r.seq, at: r.at.toISOString(), actor: r.actor, action: r.action, subject: r.subject, data: r.data, prevHash: r.prevHash, hash: r.hash })),
    },
    objections,
    emergencyUses: { from: period.from.toISOString(), to: period.to.toISOString(), uses: emergencyUses },
    proxyEndings,
    manifest: { objections: sectionDigest(objections), emergencyUses: sectionDigest(emergencyUses), proxyEndings: sectionDigest(proxyEndings) },
  };
}
