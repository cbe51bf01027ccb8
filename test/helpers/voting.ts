import { bearer, logIn, type TestApp } from './app.ts';
import { type MeetingPlan, type NoticedOptions, noticedPlan, openPlan } from './meeting-plans.ts';

let people = 0;

/** A person who logged in for real (phone + code) and verified as the named registry owner. */
export async function verifiedOwner(t: TestApp, owner: { name: string; id: string }) {
  const n = ++people;
  const phone = `158${String(n).padStart(8, '0')}`;
  const session = await logIn(t, phone, `198.51.100.${n % 250}`);
  const res = await t.app.inject({
    method: 'POST',
    url: '/v1/me/verification',
    headers: bearer(session.accessToken),
    payload: { name: owner.name, idType: 'resident_id', idNumber: owner.id },
  });
  if (res.statusCode !== 200) throw new Error(`verification failed: ${res.body}`);
  await mayVote(t, session.accountId);
  return { ...session, accessToken: res.json().accessToken as string, phone };
}

/**
 * The account's knowledge-only bindings raised to registry_factor, as if the login phone were the
 * registry's: the level an estate's default minimum lets vote (identity-assurance.test.ts reaches each
 * level through its own path; the other suites only need owners who may vote).
 */
export async function mayVote(t: TestApp, accountId: string): Promise<void> {
  await t.testDatabase.database.db
    .updateTable('owner_bindings')
    .set({ level: 'registry_factor', factor: 'phone' })
    .where('account_id', '=', accountId)
    .where('level', '=', 'knowledge')
    .execute();
}

/** A person appointed to a role in the estate by its township's staff, with a token that carries it. */
export async function appointed(t: TestApp, staffToken: string, estateId: string, role: 'committee' | 'organiser') {
  const n = ++people;
  const phone = `159${String(n).padStart(8, '0')}`;
  const res = await t.app.inject({ method: 'POST', url: `/v1/estates/${estateId}/roles`, headers: bearer(staffToken), payload: { phone, role } });
  if (res.statusCode !== 201) throw new Error(`appointment failed: ${res.body}`);
  const session = await logIn(t, phone, `203.0.113.${n % 250}`);
  return { ...session, phone };
}

export async function castBallot(
  t: TestApp,
  token: string,
  meetingId: string,
  motionId: string,
  voterId: string,
  choice: string | string[],
  idempotencyKey?: string,
) {
  return t.app.inject({
    method: 'POST',
    url: `/v1/meetings/${meetingId}/motions/${motionId}/ballots`,
    headers: { ...bearer(token), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    payload: { voterId, choice },
  });
}

export async function myBallots(t: TestApp, token: string, meetingId: string) {
  const res = await t.app.inject({ url: `/v1/meetings/${meetingId}/my-ballots`, headers: bearer(token) });
  if (res.statusCode !== 200) throw new Error(`my-ballots: ${res.body}`);
  return res.json().items as { motionId: string; voterId: string; owners: string[]; area: string; current: { choice: unknown; version: number; receipt: string } | null }[];
}

/** A draft regular meeting of the estate as planned; returns its id. */
async function draftMeeting(t: TestApp, headers: Record<string, string>, estateId: string, plan: MeetingPlan): Promise<string> {
  const created = await t.app.inject({
    method: 'POST',
    url: `/v1/estates/${estateId}/meetings`,
    headers,
    payload: { kind: 'regular', title: plan.title, votingOpensAt: plan.votingOpensAt.toISOString(), votingClosesAt: plan.votingClosesAt.toISOString() },
  });
  if (created.statusCode !== 201) throw new Error(created.body);
  const meetingId = created.json().id as string;
  for (const m of plan.motions) {
    const res = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/motions`, headers, payload: m });
    if (res.statusCode !== 201) throw new Error(res.body);
  }
  return meetingId;
}

/**
 * An estate meeting taken to "open" through the routes with the given motions, on a manual clock
 * (test/helpers/meeting-plans.ts: openPlan). Returns ids and the organiser's headers.
 */
export async function openMeeting(
  t: TestApp,
  clock: { set(at: Date): void },
  start: Date,
  organiserToken: string,
  estateId: string,
  motions: object[],
) {
  const headers = bearer(organiserToken);
  const plan = openPlan(start, motions);
  const meetingId = await draftMeeting(t, headers, estateId, plan);
  clock.set(start);
  const noticed = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/notice`, headers });
  if (noticed.statusCode !== 200) throw new Error(noticed.body);
  clock.set(plan.votingOpensAt);
  const opened = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/open`, headers });
  if (opened.statusCode !== 200) throw new Error(opened.body);
  return {
    meetingId,
    motionIds: (opened.json().motions as { id: string }[]).map((m) => m.id),
    closesAt: plan.votingClosesAt,
    headers,
  };
}

/** A meeting with one yes/no motion whose notice is published through the route now (test/helpers/meeting-plans.ts: noticedPlan). */
export async function noticedMeeting(t: TestApp, clock: { now(): Date }, organiserToken: string, estateId: string, options: NoticedOptions = {}): Promise<string> {
  const headers = bearer(organiserToken);
  const id = await draftMeeting(t, headers, estateId, noticedPlan(clock.now(), options));
  const noticed = await t.app.inject({ method: 'POST', url: `/v1/meetings/${id}/notice`, headers });
  if (noticed.statusCode !== 200) throw new Error(noticed.body);
  return id;
}
