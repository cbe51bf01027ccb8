import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB, Meeting } from '../db/schema.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { ProblemError } from '../problems.ts';
import { discrepancyRows, markDiscrepancy } from './discrepancies-repository.ts';
import { notifyBodies } from '../notifications/outbox.ts';
import type { Discrepancy } from './recount.ts';

/**
 * A meeting whose close found the SQL totals and the engine's recount of the
 * sealed record in disagreement (src/results/recount.ts). It is held in
 * status 'discrepancy': voting stays closed, no result is stored, sealed or
 * published, and publication, certification and the export refuse it. Both
 * sets of figures are kept (tally_discrepancies) and written into the
 * estate's audit chain; the township's staff and the admins are notified.
 */

export async function holdForDiscrepancy(trx: Transaction<DB>, meeting: Meeting, actor: string, now: Date, found: Discrepancy[]): Promise<void> {
  await markDiscrepancy(
    trx,
    meeting.id,
    found.map((d) => ({
      motion_id: d.motionId,
      meeting_id: meeting.id,
      counted: JSON.stringify(d.counted),
      recounted: JSON.stringify(d.recounted),
      differences: d.differences,
      detected_at: now,
    })),
  );
  const estate = await estateColumns(trx, meeting.estate_id, ['name']);
  const body =
    `【${estate.name}】“${meeting.title}”表决截止后，${found.length} 项表决事项的数据库合计与按封存计票记录的复核结果不一致，` +
    `结果已暂停公告，请核查。`;
  await notifyBodies(trx, ['township', 'admin'], {
    estateId: meeting.estate_id,
    topic: 'tally.discrepancy',
    kind: 'tally_discrepancy',
    params: { estate: estate.name, meeting: meeting.title, link: `/meetings/${meeting.id}` },
    subjectId: meeting.id,
    body,
    now,
  });
  await appendAudit(
    trx,
    {
      chain: estateChain(meeting.estate_id),
      actor,
      action: 'meeting.discrepancy',
      subject: `meeting:${meeting.id}`,
      data: { motions: found.map((d) => ({ motionId: d.motionId, counted: d.counted, recounted: d.recounted, differences: d.differences })) },
    },
    now,
  );
}

export interface DiscrepancyView {
  motionId: string;
  counted: unknown;
  recounted: unknown;
  differences: string[];
  detectedAt: string;
}

/** The motions of a meeting whose figures disagreed at close, in motion order. */
export async function discrepanciesOf(db: Kysely<DB>, meetingId: string): Promise<DiscrepancyView[]> {
  const rows = await discrepancyRows(db, meetingId);
  return rows.map((r) => ({
    motionId: r.motion_id,
    counted: r.counted,
    recounted: r.recounted,
    differences: r.differences,
    detectedAt: r.detected_at.toISOString(),
  }));
}

/** The problem every path that would show, publish or certify such a meeting's result answers with. */
export async function discrepancyProblem(db: Kysely<DB>, meetingId: string, doing: string): Promise<ProblemError> {
  const found = await discrepanciesOf(db, meetingId);
  return new ProblemError(
    'tally-discrepancy',
    `Cannot ${doing}: at close the SQL totals and the engine's recount of the sealed tally record disagreed on ` +
      `${found.length} motion(s); the result is held until the discrepancy is investigated`,
    { status: 'discrepancy', discrepancies: found.map((d) => ({ motionId: d.motionId, differences: d.differences })) },
  );
}
