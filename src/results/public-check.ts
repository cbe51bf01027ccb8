import type { Kysely } from 'kysely';
import type { DB, FilingStatus } from '../db/schema.ts';
import { localTime } from '../lib/local-time.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { findTownship } from '../places/townships.ts';
import { ProblemError } from '../problems.ts';
import type { Report } from '../tally/index.ts';
import { requireMeeting } from '../voting/meetings-repository.ts';
import type { CertificationPayload } from './certification.ts';
import { certificationOf } from './filings-repository.ts';
import { decidedMotionsOf } from './notice-repository.ts';

/**
 * The public check of a printed result notice (issue 17): what the QR code on the notice leads
 * to, read by anyone without logging in. It carries the certification exactly as the township's
 * certification signed it (`payload`, whose canonical JSON is the signed bytes, docs/bundle.md)
 * with its Ed25519 signature and public key, so the page recomputes the signed bytes from what it
 * downloaded and verifies the signature itself: a changed total, verdict or signature fails.
 * The figures and verdicts a checker sees come from the signed payload; so do the names around
 * them (estate, township, meeting, motion titles, matters, choice labels, verdict words) when the
 * certification is of format 2. One of format 1 (made before) signed ids and figures only: the page
 * shows the names below beside it, labelled unsigned (名称未经签名). No personal data: no ballots,
 * no names of owners — less than the masked notice.
 */

export const PUBLIC_CHECK_FORMAT = 'gongjue.public-check';
export const RESULT_SIGNING_KEY_PATH = '/.well-known/gongjue/result-signing-key';

/** The path of a meeting's public check page in the owner app: the QR code on the printed notice leads there. */
export const checkPath = (meetingId: string) => `/check/${meetingId}`;

/**
 * Where the owner app offers the public check of a result: once the township has certified it,
 * there is a signature to verify; before, and once a court or the authorities ruled against it,
 * none is offered (null).
 */
export const checkPathWhen = (meetingId: string, status: FilingStatus): string | null => (status === 'certified' ? checkPath(meetingId) : null);

export interface PublicCheck {
  format: typeof PUBLIC_CHECK_FORMAT;
  version: 1;
  meetingId: string;
  estate: { name: string };
  township: { name: string };
  meeting: { title: string; timeZone: string; votingOpens: string; votingCloses: string; published: string };
  filing: { status: FilingStatus; certifiedAt: string | null };
  /** Titles and labels as stored now: shown beside a format 1 certification's figures (its names are unsigned); format 2 signs its own. */
  motions: { motionId: string; position: number; title: string; matterTitle: { zh: string; en: string }; choices: { id: string; label: { zh: string; en: string } }[] }[];
  /** Null until the township certifies the result. */
  certification: { payload: CertificationPayload; signature: string; keyId: string; publicKey: string } | null;
  keyPath: typeof RESULT_SIGNING_KEY_PATH;
}

export async function publicCheckOf(db: Kysely<DB>, meetingId: string): Promise<PublicCheck> {
  const meeting = await requireMeeting(db, meetingId);
  // Before the notice is posted there is nothing public to check: the same answer as no meeting at all.
  if (meeting.status !== 'published' || meeting.published_at === null) {
    throw new ProblemError('not-found', 'No published result notice with this number');
  }
  const [estate, motions, filing] = await Promise.all([
    estateColumns(db, meeting.estate_id, ['name', 'time_zone', 'township_id']),
    decidedMotionsOf(db, meeting.id),
    certificationOf(db, meeting.id),
  ]);
  const township = filing ? { name: filing.townshipName } : { name: (await findTownship(db, estate.township_id))?.name ?? '' };
  const signed = filing?.payload && filing.signature && filing.key_id && filing.public_key ? filing : null;
  return {
    format: PUBLIC_CHECK_FORMAT,
    version: 1,
    meetingId: meeting.id,
    estate: { name: estate.name },
    township,
    meeting: {
      title: meeting.title,
      timeZone: estate.time_zone,
      votingOpens: localTime(meeting.voting_opens_at, estate.time_zone),
      votingCloses: localTime(meeting.voting_closes_at, estate.time_zone),
      published: localTime(meeting.published_at, estate.time_zone),
    },
    filing: { status: filing?.status ?? 'awaiting_review', certifiedAt: filing?.certified_at?.toISOString() ?? null },
    motions: motions.map((m) => {
      const report = m.report as Report;
      return {
        motionId: m.id,
        position: m.position,
        title: m.title,
        matterTitle: { zh: report.motion.matterTitle.zh, en: report.motion.matterTitle.en },
        choices: report.choices.map((c) => ({ id: c.id, label: { zh: c.label.zh, en: c.label.en } })),
      };
    }),
    certification: signed
      ? { payload: signed.payload as CertificationPayload, signature: signed.signature!, keyId: signed.key_id!, publicKey: signed.public_key! }
      : null,
    keyPath: RESULT_SIGNING_KEY_PATH,
  };
}
