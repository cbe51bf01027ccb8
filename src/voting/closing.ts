import { type Kysely, sql } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Meeting } from '../db/schema.ts';
import { tallySettingsOf, validateEstateSettings } from '../places/estate-settings.ts';
import { ProblemError } from '../problems.ts';
import { sealMeeting } from '../results/seal.ts';
import { buildReport, decide, type Motion, type Totals } from '../tally/index.ts';
import { meetingLockKey } from './ballots.ts';
import { motionOf } from './motion-terms.ts';

/**
 * Closing a meeting: no more ballots (the meeting's ballot lock is taken
 * exclusively, so every ballot still being written finishes first, and every
 * later one sees the meeting closed), then each motion is aggregated in SQL and decided by
 * the tally engine's `decide` — the same code the command-line verifier runs.
 * Closing twice, or by two callers at once, yields one result (invariant 4).
 */

export interface CloseOutcome {
  meetingId: string;
  status: Meeting['status'];
  /** false when the meeting had already been closed by someone else. */
  closedNow: boolean;
}

export async function closeMeeting(trx: Kysely<DB>, meetingId: string, actor: string, now: Date): Promise<CloseOutcome> {
  // Wait for every ballot in flight (they hold this lock shared); later ones will see the meeting closed.
  await sql`select pg_advisory_xact_lock(${meetingLockKey(meetingId)})`.execute(trx);
  const meeting = await trx.selectFrom('meetings').selectAll().where('id', '=', meetingId).forUpdate().executeTakeFirst();
  if (!meeting) throw new ProblemError('not-found', 'No such meeting');
  if (meeting.status === 'closed' || meeting.status === 'tallied' || meeting.status === 'published') {
    return { meetingId, status: meeting.status, closedNow: false };
  }
  if (meeting.status !== 'open') throw new ProblemError('conflict', `Cannot close: the meeting is ${meeting.status}`);
  if (now.getTime() < meeting.voting_closes_at.getTime()) {
    throw new ProblemError('conflict', `Voting closes at ${meeting.voting_closes_at.toISOString()}; it cannot be closed before`);
  }
  await trx.updateTable('meetings').set({ status: 'closed', closed_at: now }).where('id', '=', meeting.id).execute();
  await tallyMeeting(trx, meeting, now);
  await trx.updateTable('meetings').set({ status: 'tallied', tallied_at: now }).where('id', '=', meeting.id).execute();
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor,
    action: 'meeting.closed',
    subject: `meeting:${meeting.id}`,
    data: { closedAt: now, votingClosesAt: meeting.voting_closes_at },
  }, now);
  // The ballots and units each result was counted from, digested into the audit chain (docs/bundle.md).
  await sealMeeting(trx, meeting, actor, now);
  return { meetingId, status: 'tallied', closedNow: true };
}

async function tallyMeeting(trx: Kysely<DB>, meeting: Meeting, now: Date): Promise<void> {
  const estate = await trx.selectFrom('estates').select(['id', 'name', 'settings']).where('id', '=', meeting.estate_id).executeTakeFirstOrThrow();
  const settings = tallySettingsOf(validateEstateSettings(estate.settings));
  const motions = await trx.selectFrom('motions').selectAll().where('meeting_id', '=', meeting.id).orderBy('position').execute();
  for (const row of motions) {
    const motion = motionOf(row);
    const totals = await aggregate(trx, row.id, motion, {
      area: BigInt(row.total_area_hundredths ?? '0'),
      heads: BigInt(row.total_heads ?? 0),
    });
    const decision = decide(totals, motion, settings);
    const report = buildReport(decision, {
      motion: {
        id: row.id,
        title: motion.title,
        scope: motion.scope,
        ...(motion.kind === 'options' ? { options: motion.options } : {}),
        ...(motion.kind === 'election' ? { candidates: motion.candidates } : {}),
      },
      estate: { id: estate.id, name: estate.name },
    });
    await trx
      .insertInto('motion_results')
      .values({
        motion_id: row.id,
        meeting_id: meeting.id,
        totals: JSON.stringify(totalsJson(totals)),
        report: JSON.stringify(report),
        outcome: decision.verdict.outcome,
        decided_at: now,
      })
      .execute();
  }
}

type Amount = { area: bigint; heads: bigint };

/** PA/PH and the support of each choice, summed in the database over the current ballots. */
export async function aggregate(trx: Kysely<DB>, motionId: string, motion: Motion, total: Amount): Promise<Totals> {
  const rows =
    motion.kind === 'election'
      ? await sql<{ subject: string | null; spoiled: boolean; heads: string; area: string }>`
          select c.subject, b.spoiled, count(*)::text as heads, coalesce(sum(v.area_hundredths), 0)::text as area
          from current_ballots cb
          join ballots b on b.id = cb.ballot_id
          join electorate_voters v on v.id = cb.voter_id
          left join lateral (
            select jsonb_array_elements_text(case when jsonb_typeof(b.choice) = 'array' then b.choice else '[]'::jsonb end) as subject
          ) c on true
          where cb.motion_id = ${motionId}
          group by c.subject, b.spoiled`.execute(trx)
      : await sql<{ subject: string | null; spoiled: boolean; heads: string; area: string }>`
          select b.choice #>> '{}' as subject, b.spoiled, count(*)::text as heads, coalesce(sum(v.area_hundredths), 0)::text as area
          from current_ballots cb
          join ballots b on b.id = cb.ballot_id
          join electorate_voters v on v.id = cb.voter_id
          where cb.motion_id = ${motionId}
          group by 1, 2`.execute(trx);
  const participation = await sql<{ heads: string; area: string }>`
    select count(*)::text as heads, coalesce(sum(v.area_hundredths), 0)::text as area
    from current_ballots cb join electorate_voters v on v.id = cb.voter_id
    where cb.motion_id = ${motionId}`.execute(trx);
  const took = participation.rows[0]!;
  const choices: Record<string, Amount> = {};
  let spoiled: Amount = { area: 0n, heads: 0n };
  for (const r of rows.rows) {
    const amount = { area: BigInt(r.area), heads: BigInt(r.heads) };
    if (r.spoiled) {
      spoiled = { area: spoiled.area + amount.area, heads: spoiled.heads + amount.heads };
      continue;
    }
    // An empty election ballot is an abstention (the lateral join yields one null subject for it).
    const subject = r.subject ?? 'abstain';
    const before = choices[subject] ?? { area: 0n, heads: 0n };
    choices[subject] = { area: before.area + amount.area, heads: before.heads + amount.heads };
  }
  return {
    TA: total.area,
    TH: total.heads,
    PA: BigInt(took.area),
    PH: BigInt(took.heads),
    choices,
    ...(spoiled.heads > 0n ? { spoiled } : {}),
  };
}

function totalsJson(t: Totals) {
  const s = (v: bigint | number) => v.toString();
  return {
    TA: s(t.TA),
    TH: s(t.TH),
    PA: s(t.PA),
    PH: s(t.PH),
    choices: Object.fromEntries(Object.entries(t.choices).map(([k, v]) => [k, { area: s(v.area), heads: s(v.heads) }])),
    spoiled: t.spoiled ? { area: s(t.spoiled.area), heads: s(t.spoiled.heads) } : null,
  };
}

/** Participation so far, for organisers: area and heads that took part, never how they voted. */
export async function turnout(db: Kysely<DB>, meetingId: string) {
  const rows = await sql<{ motion_id: string; heads: string; area: string }>`
    select m.id as motion_id, count(cb.voter_id)::text as heads, coalesce(sum(v.area_hundredths), 0)::text as area
    from motions m
    left join current_ballots cb on cb.motion_id = m.id
    left join electorate_voters v on v.id = cb.voter_id
    where m.meeting_id = ${meetingId}
    group by m.id`.execute(db);
  return rows.rows;
}
