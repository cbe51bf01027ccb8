import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { dueWork } from '../../src/jobs/due-work.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { runDueJobs, testJobDeps } from '../helpers/jobs.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 15: "a receipt … and an SMS confirmation". An owner's burst of
 * online ballots on a meeting is confirmed by one SMS to the phone that
 * voted, once no further ballot has followed for the settle time (60 s by
 * default), with how many votes were recorded and the receipt's link; a
 * later change is one more. Casting writes nothing for it: it is found in
 * `ballots` by the confirm-ballots job (here run as the runners run it, on a
 * manual clock), so it survives a restart and casting works without it.
 */

// 10:00 in Shanghai: outside quiet hours.
const START = new Date('2026-12-01T02:00:00Z');
const SETTLE_MS = 60_000;
const ZHANG_REGISTRY_PHONE = '13800000001';
const scan = { url: 'https://files.example/scan/1.pdf', sha256: 'a'.repeat(64) };

let t: TestApp;
const clock = manualClock(START);
let meetingId: string;
let motionIds: string[];
let organiser: Session;
let committee: Session;
let zhangS: Session;
let liS: Session;

const db = () => t.testDatabase.database.db;
const run = () => runDueJobs(testJobDeps(t, clock));
const confirmations = () => t.sentSms.filter((m) => m.kind === 'ballots_recorded');
const later = (ms: number) => clock.set(new Date(clock.now().getTime() + ms));

async function voteAll(session: Session, choice: string, gapMs: number): Promise<void> {
  for (const b of await myBallots(t, session.accessToken, meetingId)) {
    const res = await castBallot(t, session.accessToken, meetingId, b.motionId, b.voterId, choice);
    expect(res.statusCode, res.body).toBe(201);
    later(gapMs);
  }
}

beforeAll(async () => {
  t = await createTestApp({ clock });
  const p = await twoTownships(t);
  const estateId = await p.estate(p.townshipA, '碧水湾');
  await importRegistry(t, p.staffA, estateId, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [{ ...zhang, phone: ZHANG_REGISTRY_PHONE }] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [li] },
    { registryNo: 'R-3', building: '1栋', room: '103', area: '70.00', owners: [wang] },
  ]);
  organiser = await appointed(t, p.staffA, estateId, 'organiser');
  committee = await appointed(t, p.staffA, estateId, 'committee');
  zhangS = await verifiedOwner(t, zhang);
  liS = await verifiedOwner(t, li);
  const opened = await openMeeting(t, clock, START, organiser.accessToken, estateId, [
    { matter: 'other_major', kind: 'yes_no', title: '加装电梯' },
    { matter: 'other_major', kind: 'yes_no', title: '更换门禁' },
    { matter: 'other_major', kind: 'yes_no', title: '修缮屋面' },
  ]);
  meetingId = opened.meetingId;
  motionIds = opened.motionIds;
  await run();
  t.sentSms.length = 0;
});
afterAll(async () => t?.close());

describe('the SMS confirmation of a vote', () => {
  it('three ballots in a burst: one message, with count 3, after the burst settles — to the phone that voted', async () => {
    await voteAll(zhangS, 'agree', 10_000); // ballots at +0, +10 s, +20 s; the clock is left at +30 s
    await run();
    expect(confirmations()).toEqual([]);
    later(40_000); // 50 s after the last ballot: still within the burst
    await run();
    expect(confirmations()).toEqual([]);
    later(15_000); // 65 s after it
    await run();
    await run(); // a second pass confirms nothing twice
    expect(confirmations().map((m) => [m.phone, m.params.count])).toEqual([[zhangS.phone, '3']]);
    const sms = confirmations()[0]!;
    expect(sms.params.link).toBe(`${t.app.config.publicBaseUrl}/meetings/${meetingId}/receipt`);
    expect(sms.text).toContain('碧水湾');
    expect(sms.text).toContain('3项表决已记录');
    // Not the registry's phone of 张三: the account that voted has its own.
    expect(t.sentSms.some((m) => m.phone === ZHANG_REGISTRY_PHONE && m.kind === 'ballots_recorded')).toBe(false);
    // The owner's inbox has it, with the receipt's link.
    const inbox = (await t.app.inject({ url: '/v1/me/messages', headers: bearer(zhangS.accessToken) })).json<{ messages: { kind: string; link: string | null }[] }>();
    expect(inbox.messages.filter((m) => m.kind === 'ballots_recorded').map((m) => m.link)).toEqual([`${t.app.config.publicBaseUrl}/meetings/${meetingId}/receipt`]);
    // Through the outbox: a delivery record, sent.
    const deliveries = await db()
      .selectFrom('message_deliveries as d')
      .innerJoin('notifications as n', 'n.id', 'd.notification_id')
      .select(['d.phone', 'd.status'])
      .where('n.kind', '=', 'ballots_recorded')
      .execute();
    expect(deliveries).toEqual([{ phone: zhangS.phone, status: 'sent' }]);
  });

  it('a later change: one more message, counting the change only', async () => {
    later(10 * 60_000);
    const res = await castBallot(t, zhangS.accessToken, meetingId, motionIds[1]!, (await myBallots(t, zhangS.accessToken, meetingId))[1]!.voterId, 'oppose');
    expect(res.statusCode).toBe(201);
    later(SETTLE_MS);
    await run();
    await run();
    expect(confirmations().map((m) => [m.phone, m.params.count])).toEqual([
      [zhangS.phone, '3'],
      [zhangS.phone, '1'],
    ]);
  });

  it('paper ballots entered and confirmed by organisers: no confirmation from this job', async () => {
    const voters = await db().selectFrom('electorate_voters').select(['id', 'owners']).where('motion_id', '=', motionIds[0]!).execute();
    const owners = await db().selectFrom('owners').select(['id', 'name']).execute();
    const wangVoter = voters.find((v) => owners.find((o) => o.id === v.owners[0])?.name === wang.name)!.id;
    const entered = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${meetingId}/motions/${motionIds[0]}/paper-ballots`,
      headers: bearer(organiser.accessToken),
      payload: { voterId: wangVoter, choice: 'agree', scan },
    });
    expect(entered.statusCode, entered.body).toBe(201);
    const confirmed = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/paper-ballots/${entered.json().id}/confirm`, headers: bearer(committee.accessToken), payload: { choice: 'agree' } });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    later(5 * SETTLE_MS);
    await run();
    expect(confirmations()).toHaveLength(2);
  });

  it('casting works while the confirmation job cannot run: nothing in the cast transaction waits for it', async () => {
    // The job's table and the outbox locked against everything, as a job holding them or a migration would.
    const blocker = new pg.Client({ connectionString: t.testDatabase.url });
    await blocker.connect();
    try {
      await blocker.query('begin');
      await blocker.query('lock table ballot_confirmations, notifications, message_deliveries in access exclusive mode');
      const started = Date.now();
      await voteAll(liS, 'abstain', 5_000);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await blocker.query('rollback');
      await blocker.end();
    }
    later(SETTLE_MS);
    await run();
    expect(confirmations().map((m) => [m.phone, m.params.count])).toContainEqual([liS.phone, '3']);
  });

  it('survives a restart: the due work is derived from PostgreSQL alone', async () => {
    const before = confirmations().length;
    const res = await castBallot(t, liS.accessToken, meetingId, motionIds[2]!, (await myBallots(t, liS.accessToken, meetingId))[2]!.voterId, 'agree');
    expect(res.statusCode).toBe(201);
    later(SETTLE_MS + 1_000);
    // A worker that has just started knows nothing: the reconciler finds the job from PostgreSQL.
    const found = await dueWork(db(), clock.now(), { horizonMs: 0, reminderLeadMs: 0, confirmSettleMs: SETTLE_MS });
    expect(found.filter((j) => j.name === 'confirm-ballots').map((j) => j.runAt)).toEqual([clock.now()]);
    await run();
    expect(confirmations().slice(before).map((m) => [m.phone, m.params.count])).toEqual([[liS.phone, '1']]);
    const row = await db().selectFrom('ballot_confirmations').select(['messages']).where('account_id', '=', liS.accountId).executeTakeFirstOrThrow();
    expect(row.messages).toBe(2);
  });

  it('a burst ending at the close is confirmed after it; then the job stops looking', async () => {
    const meeting = await db().selectFrom('meetings').select('voting_closes_at').where('id', '=', meetingId).executeTakeFirstOrThrow();
    clock.set(new Date(meeting.voting_closes_at.getTime() - 5_000));
    const before = confirmations().length;
    const res = await castBallot(t, zhangS.accessToken, meetingId, motionIds[2]!, (await myBallots(t, zhangS.accessToken, meetingId))[2]!.voterId, 'abstain');
    expect(res.statusCode).toBe(201);
    clock.set(new Date(meeting.voting_closes_at.getTime() + SETTLE_MS));
    await run();
    await run();
    expect(confirmations().slice(before).map((m) => [m.phone, m.params.count])).toEqual([[zhangS.phone, '1']]);
    clock.set(new Date(meeting.voting_closes_at.getTime() + 2 * 3_600_000));
    const found = await dueWork(db(), clock.now(), { horizonMs: 0, reminderLeadMs: 0, confirmSettleMs: SETTLE_MS });
    expect(found.filter((j) => j.name === 'confirm-ballots')).toEqual([]);
  });
});
