import type { Kysely } from 'kysely';
import type { Channel, DB, FilingStatus, Meeting } from '../db/schema.ts';
import { maskName } from '../lib/mask.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { ProblemError } from '../problems.ts';
import type { Report } from '../tally/index.ts';
import { receiptOf } from '../receipts/receipt.ts';
import { localTime } from '../lib/local-time.ts';
import { verdictText } from './certified-names.ts';
import { filingSummaryOf } from './filings-repository.ts';
import { checkPathWhen } from './public-check.ts';
import { type AssuranceMixEntry, assuranceMixOf } from './assurance-mix.ts';
import { type ObjectionWindowView, objectionWindowOf } from './objections.ts';
import { decidedMotionsOf, electorateUnitsOf, ownerNames, replacedVersions, standingBallotLines } from './notice-repository.ts';

/**
 * The result notice (公告, R4.7): per motion the totals, the verdict, the
 * rule applied and the engine's explanation; per voter who took part the
 * building and room, the owners' masked names, the choice that counted and
 * its receipt, so every owner can find their own vote and check it was
 * counted as cast. Nothing of it exists before the meeting is published.
 */

export const NOTICE_FORMAT = 'gongjue.result-notice';

/** The verdict's words, as printed: one home for them (certified-names.ts), since version 2 certifications sign them. */
export { OUTCOME_TEXT } from './certified-names.ts';

export interface NoticeLine {
  voterId: string;
  /** The voter's units in the electorate, e.g. "1栋 1单元 101". */
  units: string[];
  /** Masked: 张*, 欧阳** — never a full name. */
  owners: string[];
  developer: boolean;
  choice: unknown;
  choiceText: string;
  spoiled: boolean;
  channel: Channel;
  castAt: string;
  version: number;
  /**
   * R4.4: the latest earlier version of this voter's ballot cast through
   * another channel, when the standing ballot replaced one (a paper ballot
   * replacing the online one); null when every earlier version, if any, came
   * through the same channel.
   */
  replaced: { channel: Channel; version: number } | null;
  ballotId: string;
  /** The receipt the owner was given for this ballot (SHA-256, hex). */
  receipt: string;
}

export interface NoticeMotion {
  motionId: string;
  position: number;
  title: string;
  matter: string;
  matterTitle: { zh: string; en: string };
  kind: string;
  outcome: string;
  outcomeText: string;
  verdict: Report['verdict'];
  rule: Report['rule'];
  totals: Report['totals'];
  choices: Report['choices'][number][];
  explanation: { zh: string[]; en: string[] };
  decidedAt: string;
  /** Issue 14: how many standing ballots came from each channel and, online, each level of identity assurance. */
  assurance: AssuranceMixEntry[];
  ballots: NoticeLine[];
}

export interface Notice {
  format: typeof NOTICE_FORMAT;
  version: 1;
  estate: { id: string; name: string };
  meeting: {
    id: string;
    kind: 'regular' | 'temporary';
    title: string;
    votingOpensAt: string;
    votingClosesAt: string;
    closedAt: string | null;
    publishedAt: string;
    local: { timeZone: string; votingOpens: string; votingCloses: string; published: string };
  };
  /** checkPath: the public check page (`/check/<id>`) to offer, once certified; null before. */
  filing: { status: FilingStatus; certifiedAt: string | null; keyId: string | null; checkPath: string | null };
  /**
   * R7.2: the objection window (询异公示) when the estate set one: while its stage is not
   * `final` the result is preliminary. null: published without one, final at publication.
   */
  objectionWindow: ObjectionWindowView | null;
  motions: NoticeMotion[];
}

/** Refuses unless the notice is up: before that nobody sees how anyone voted. */
export function requirePublished(meeting: Meeting): Date {
  if (meeting.status !== 'published' || meeting.published_at === null) {
    throw new ProblemError('conflict', 'The result notice is not published yet; until it is, nobody sees how anyone voted', { status: meeting.status });
  }
  return meeting.published_at;
}

export function choiceText(report: Pick<Report, 'choices' | 'motion'>, choice: unknown, spoiled: boolean): string {
  if (spoiled) return '废票';
  const label = (id: string) => report.choices.find((c) => c.id === id)?.label.zh ?? id;
  if (Array.isArray(choice)) {
    if (choice.length === 0) return '弃权';
    return choice.map((id) => label(String(id)).replace(/^候选人「(.*)」$/, '$1')).join('、');
  }
  return label(String(choice)).replace(/^选项「(.*)」$/, '$1');
}

const place = (u: { building: string; stair: string | null; room: string }) => [u.building, u.stair, u.room].filter((s) => s !== null && s !== '').join(' ');

export async function buildNotice(db: Kysely<DB>, meeting: Meeting, now: Date): Promise<Notice> {
  const publishedAt = requirePublished(meeting);
  const [estate, motions, lines, units, filing, replaced, mix, objectionWindow] = await Promise.all([
    estateColumns(db, meeting.estate_id, ['id', 'name', 'time_zone']),
    decidedMotionsOf(db, meeting.id),
    standingBallotLines(db, meeting.id),
    electorateUnitsOf(db, meeting.id),
    filingSummaryOf(db, meeting.id),
    replacedVersions(db, meeting.id),
    assuranceMixOf(db, meeting.id),
    objectionWindowOf(db, meeting, now),
  ]);
  const replacedOf = new Map(replaced.rows.map((r) => [`${r.motion_id}:${r.voter_id}`, { channel: r.channel, version: r.version }]));
  const unitById = new Map(units.map((u) => [u.unit_id, u]));
  const ownerIds = [...new Set(lines.flatMap((l) => l.owners))];
  const owners =
    ownerIds.length === 0
      ? []
      : await ownerNames(db, ownerIds);
  const masked = new Map(owners.map((o) => [o.id, maskName(o.name, o.kind)]));
  const byMotion = new Map<string, typeof lines>();
  for (const l of lines) byMotion.set(l.motion_id, [...(byMotion.get(l.motion_id) ?? []), l]);

  return {
    format: NOTICE_FORMAT,
    version: 1,
    estate: { id: estate.id, name: estate.name },
    meeting: {
      id: meeting.id,
      kind: meeting.kind,
      title: meeting.title,
      votingOpensAt: meeting.voting_opens_at.toISOString(),
      votingClosesAt: meeting.voting_closes_at.toISOString(),
      closedAt: meeting.closed_at?.toISOString() ?? null,
      publishedAt: publishedAt.toISOString(),
      local: {
        timeZone: estate.time_zone,
        votingOpens: localTime(meeting.voting_opens_at, estate.time_zone),
        votingCloses: localTime(meeting.voting_closes_at, estate.time_zone),
        published: localTime(publishedAt, estate.time_zone),
      },
    },
    filing: filing
      ? { status: filing.status, certifiedAt: filing.certified_at?.toISOString() ?? null, keyId: filing.key_id, checkPath: checkPathWhen(meeting.id, filing.status) }
      : { status: 'awaiting_review', certifiedAt: null, keyId: null, checkPath: null },
    objectionWindow,
    motions: motions.map((m) => {
      const report = m.report as Report;
      const voterUnits = (ids: string[]) => ids.map((id) => unitById.get(id)).filter((u) => u !== undefined);
      const ballots = (byMotion.get(m.id) ?? [])
        .map((l): NoticeLine & { sortKey: string } => {
          const mine = voterUnits(l.units);
          return {
            sortKey: mine.map((u) => u.registry_no).sort()[0] ?? l.voter_id,
            voterId: l.voter_id,
            units: mine.map(place),
            owners: l.owners.map((id) => masked.get(id) ?? '*'),
            developer: l.developer,
            choice: l.choice,
            choiceText: choiceText(report, l.choice, l.spoiled),
            spoiled: l.spoiled,
            channel: l.channel,
            castAt: l.cast_at.toISOString(),
            version: l.version,
            replaced: replacedOf.get(`${l.motion_id}:${l.voter_id}`) ?? null,
            ballotId: l.id,
            receipt: receiptOf({
              ballotId: l.id,
              motionId: l.motion_id,
              voterId: l.voter_id,
              version: l.version,
              choice: l.choice,
              spoiled: l.spoiled,
              channel: l.channel,
              castAt: l.cast_at,
            }),
          };
        })
        .sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
        .map(({ sortKey: _, ...line }) => line);
      return {
        motionId: m.id,
        position: m.position,
        title: m.title,
        matter: report.motion.matter,
        matterTitle: report.motion.matterTitle,
        kind: report.motion.kind,
        outcome: report.verdict.outcome,
        outcomeText: verdictText(report.verdict.outcome),
        verdict: report.verdict,
        rule: report.rule,
        totals: report.totals,
        choices: [...report.choices],
        explanation: { zh: [...report.explanation.zh], en: [...report.explanation.en] },
        decidedAt: m.decided_at.toISOString(),
        assurance: mix.get(m.id) ?? [],
        ballots,
      };
    }),
  };
}
