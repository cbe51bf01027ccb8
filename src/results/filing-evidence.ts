import type { Kysely } from 'kysely';
import type { Channel, DB, Meeting } from '../db/schema.ts';
import { type AnomalyFlag, anomaliesOfMeeting } from './anomalies.ts';
import { percentOf } from './anomaly-rules.ts';
import { type AssuranceMixEntry, assuranceMixOf } from './assurance-mix.ts';
import { exportBundle } from './bundle.ts';
import { objectionCounts, windowOf } from './objections-repository.ts';
import { verifyBundle } from './verify.ts';

/**
 * The evidence a township weighs before certifying (备案审核, issue 17), beside the results and the
 * filing itself: the outcome of `gongjue verify` run by the service on its own export bundle (the
 * same check anyone can run on the downloaded file), the standing ballots per channel with the
 * paper and proxy shares and per level of assurance, the anomaly flags found at the close, and
 * (another part of issue 17) the owners' objections.
 */
export interface FilingEvidence {
  meetingId: string;
  verification: { verified: boolean; problems: string[]; notes: string[]; checkedAt: string };
  channels: { motionId: string; online: number; paper: number; proxy: number; total: number; onlinePercent: number; paperPercent: number; proxyPercent: number; assurance: AssuranceMixEntry[] }[];
  anomalies: AnomalyFlag[];
  /** Objections during the objection window (R7.2): null when the estate had none (objectionDays 0 when it was published). */
  objections: null | { open: number; answered: number };
}

/** The owners' objections (R7.2): open and answered; null when the result had no objection window. */
export async function objectionsOf(db: Kysely<DB>, meetingId: string): Promise<FilingEvidence['objections']> {
  if (!(await windowOf(db, meetingId))) return null;
  const { total, unanswered } = await objectionCounts(db, meetingId);
  return { open: unanswered, answered: total - unanswered };
}

export async function filingEvidence(db: Kysely<DB>, meeting: Meeting, opts: { now: Date; publicKey: string }): Promise<FilingEvidence> {
  const bundle = await exportBundle(db, meeting, opts.now);
  // As the file is downloaded and checked: JSON, then the verifier, with the service's public key.
  const { problems, notes } = verifyBundle(JSON.parse(JSON.stringify(bundle)), { publicKey: opts.publicKey });
  const [mix, anomalies, objections] = await Promise.all([assuranceMixOf(db, meeting.id), anomaliesOfMeeting(db, meeting.id), objectionsOf(db, meeting.id)]);
  const channels = bundle.motions.map((m) => {
    const entries = mix.get(m.motionId) ?? [];
    const count = (channel: Channel) => entries.filter((e) => e.channel === channel).reduce((sum, e) => sum + e.ballots, 0);
    const [online, paper, proxy] = [count('online'), count('paper'), count('proxy')];
    const total = online + paper + proxy;
    return { motionId: m.motionId, online, paper, proxy, total, onlinePercent: percentOf(online, total), paperPercent: percentOf(paper, total), proxyPercent: percentOf(proxy, total), assurance: entries };
  });
  return { meetingId: meeting.id, verification: { verified: problems.length === 0, problems, notes, checkedAt: opts.now.toISOString() }, channels, anomalies, objections };
}
