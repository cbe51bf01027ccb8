import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { manualClock } from '../../src/clock.ts';
import { grantsForAccount } from '../../src/identity/grants.ts';
import { type Rotation, rotateRefreshToken } from '../../src/identity/refresh-tokens.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from '../../src/identity/principal.ts';
import { bearer, createTestApp, logIn, secondInstance, type TestApp } from '../helpers/app.ts';
import { residentId } from '../helpers/identity.ts';
import { myBallots } from '../helpers/voting.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * Issue 12: access tokens live 15 minutes, and a revocation — a role removed,
 * a logout, a reused refresh token, a revoked API client — stops the old
 * token at its very next request, on every instance of the service. Each
 * token is first used on both instances, so both have verified and
 * remembered it before it is revoked through the first one.
 */

const DAY = 24 * 3_600_000;
const clock = manualClock(new Date('2026-11-22T08:00:00Z'));
let t: TestApp;
let other: { app: App; close(): Promise<void> };
let p: Awaited<ReturnType<typeof twoTownships>>;
let people = 0;

beforeAll(async () => {
  t = await createTestApp({ clock });
  other = await secondInstance(t, { clock });
  p = await twoTownships(t);
});
afterAll(async () => {
  await other?.close();
  await t?.close();
});

const instances = () => [
  ['first instance', t.app],
  ['second instance', other.app],
] as const;

/** A phone and a client address of its own, so the login-code limits never interfere. */
async function newSession() {
  const n = ++people;
  return { ...(await logIn(t, `1370000${String(n).padStart(4, '0')}`, `192.0.2.${n}`)), phone: `1370000${String(n).padStart(4, '0')}` };
}

const me = (app: App, token: string) => app.inject({ url: '/v1/me', headers: bearer(token) });

/** Both instances refuse the token with a 401 problem. */
async function expectRefusedEverywhere(token: string, detail: RegExp) {
  for (const [name, app] of instances()) {
    const res = await me(app, token);
    expect(res.statusCode, name).toBe(401);
    expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
    expect(res.json(), name).toMatchObject({ type: 'urn:gongjue:problem:unauthenticated' });
    expect(res.json().detail, name).toMatch(detail);
  }
}

async function expectAcceptedEverywhere(token: string) {
  for (const [name, app] of instances()) expect((await me(app, token)).statusCode, name).toBe(200);
}

function claimsOf(token: string): { iat: number; exp: number; sid?: string } {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

describe('access-token lifetime', () => {
  it('a person’s access token lives exactly 900 seconds (exp − iat), as expiresIn says', async () => {
    const session = await newSession();
    const { iat, exp, sid } = claimsOf(session.accessToken);
    expect(exp - iat).toBe(900);
    expect(ACCESS_TOKEN_TTL_SECONDS).toBe(900);
    expect(sid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('an API client’s access token lives exactly 900 seconds', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/api-clients', headers: bearer(p.admin), payload: { name: '寿命', access: 'read', townshipIds: [p.townshipA] } });
    const issued = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { grant_type: 'client_credentials', client_id: created.json().client.id, client_secret: created.json().clientSecret },
    });
    const { iat, exp } = claimsOf(issued.json().access_token);
    expect(exp - iat).toBe(issued.json().expires_in);
    expect(exp - iat).toBe(900);
  });
});

describe('revocation stops the old access token at its next request, on every instance', () => {
  it('a removed role: the old token, which still carries the role, creates no meeting', async () => {
    const person = await newSession();
    const appointed = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/roles`,
      headers: bearer(p.staffA),
      payload: { phone: person.phone, role: 'organiser' },
    });
    expect(appointed.statusCode).toBe(201);
    // A refresh brings the role into the token.
    const refreshed = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: person.refreshToken } });
    const organiser = refreshed.json().accessToken as string;
    const now = clock.now().getTime();
    const meeting = () => ({
      method: 'POST' as const,
      url: `/v1/estates/${p.estateA}/meetings`,
      headers: bearer(organiser),
      payload: { kind: 'regular', title: '撤销测试', votingOpensAt: new Date(now + 16 * DAY).toISOString(), votingClosesAt: new Date(now + 20 * DAY).toISOString() },
    });
    for (const [name, app] of instances()) expect((await app.inject(meeting())).statusCode, name).toBe(201);

    const removed = await t.app.inject({ method: 'DELETE', url: `/v1/estates/${p.estateA}/roles/${appointed.json().id}`, headers: bearer(p.staffA) });
    expect(removed.statusCode).toBe(204);

    // The second instance never heard of the removal; it asks the database.
    for (const [name, app] of instances()) {
      const res = await app.inject(meeting());
      expect(res.statusCode, name).toBe(401);
      expect(res.json().type, name).toBe('urn:gongjue:problem:unauthenticated');
    }
    await expectRefusedEverywhere(organiser, /session .* has ended/);
    await expectRefusedEverywhere(person.accessToken, /session .* has ended/);
    const meetings = await t.testDatabase.database.db.selectFrom('meetings').select('id').where('title', '=', '撤销测试').execute();
    expect(meetings).toHaveLength(2); // the two made before the removal, none after
  });

  it('logout', async () => {
    const session = await newSession();
    await expectAcceptedEverywhere(session.accessToken);
    const out = await other.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: session.refreshToken } });
    expect(out.statusCode).toBe(204);
    await expectRefusedEverywhere(session.accessToken, /session .* has ended/);
  });

  it('logout ends only that session: another login of the same phone goes on', async () => {
    const first = await newSession();
    clock.advance(61_000); // one code a minute per phone
    const second = await logIn(t, first.phone, '192.0.2.250');
    await t.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: first.refreshToken } });
    await expectRefusedEverywhere(first.accessToken, /session .* has ended/);
    await expectAcceptedEverywhere(second.accessToken);
  });

  it('a reused refresh token ends the whole session: the access tokens of every step of it stop', async () => {
    const session = await newSession();
    const step = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    expect(step.statusCode).toBe(200);
    const latest = step.json().accessToken as string;
    expect(claimsOf(latest).sid).toBe(claimsOf(session.accessToken).sid);
    await expectAcceptedEverywhere(session.accessToken);
    await expectAcceptedEverywhere(latest);

    const reused = await other.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    expect(reused.statusCode).toBe(401);
    await expectRefusedEverywhere(latest, /session .* has ended/);
    await expectRefusedEverywhere(session.accessToken, /session .* has ended/);
  });

  it('a revoked API client', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/v1/api-clients', headers: bearer(p.admin), payload: { name: '撤销', access: 'read', townshipIds: [p.townshipA] } });
    const issued = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/token',
      payload: { grant_type: 'client_credentials', client_id: created.json().client.id, client_secret: created.json().clientSecret },
    });
    const token = issued.json().access_token as string;
    const read = (app: App) => app.inject({ url: `/v1/townships/${p.townshipA}/estates`, headers: bearer(token) });
    for (const [name, app] of instances()) expect((await read(app)).statusCode, name).toBe(200);

    expect((await t.app.inject({ method: 'DELETE', url: `/v1/api-clients/${created.json().client.id}`, headers: bearer(p.admin) })).statusCode).toBe(204);
    for (const [name, app] of instances()) {
      const res = await read(app);
      expect(res.statusCode, name).toBe(401);
      expect(res.json().detail, name).toMatch(/revoked/);
    }
  });

  it('a token of ours that names no session (as issued before sessions were named) is refused', async () => {
    const session = await newSession();
    const { sub, kind, grants } = claimsOf(session.accessToken) as unknown as { sub: string; kind: 'person'; grants: [] };
    const unnamed = t.app.issueAccessToken({ subject: sub, kind, grants });
    await expectRefusedEverywhere(unnamed, /no session/);
  });

  it('a session id of another account is refused', async () => {
    const mine = await newSession();
    const theirs = await newSession();
    const { sub, kind, grants } = claimsOf(mine.accessToken) as unknown as { sub: string; kind: 'person'; grants: [] };
    const borrowed = t.app.issueAccessToken({ subject: sub, kind, grants, session: claimsOf(theirs.accessToken).sid! });
    await expectRefusedEverywhere(borrowed, /session .* has ended/);
  });
});

describe('a revocation racing a refresh', () => {
  it('a role removed while a refresh that read the old grants is still open: the refreshed session ends too', async () => {
    const person = await newSession();
    const appointed = await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/roles`, headers: bearer(p.staffA), payload: { phone: person.phone, role: 'organiser' } });
    expect(appointed.statusCode).toBe(201);
    const db = t.testDatabase.database.db;

    // The refresh, held open after it read the grants (the role still among them) and wrote its next token.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let rotated: Rotation | undefined;
    let grants: Awaited<ReturnType<typeof grantsForAccount>> | undefined;
    const refreshing = db.transaction().execute(async (trx) => {
      rotated = await rotateRefreshToken(trx, person.refreshToken, clock.now());
      grants = await grantsForAccount(trx, person.accountId);
      await held;
    });
    let removing: Promise<{ statusCode: number }> | undefined;
    try {
      await until(() => grants !== undefined);
      expect(grants).toContainEqual({ role: 'organiser', estateId: p.estateA });
      // The removal, on the other instance, must wait for the refresh: it is stuck on a lock until then.
      removing = other.app.inject({ method: 'DELETE', url: `/v1/estates/${p.estateA}/roles/${appointed.json().id}`, headers: bearer(p.staffA) });
      await until(async () => (await waitingOnLocks()) > 0);
    } finally {
      release();
      await refreshing;
    }
    expect((await removing).statusCode).toBe(204);

    if (!rotated?.ok) throw new Error('the refresh was refused');
    const live = await db.selectFrom('refresh_tokens').select('id').where('family_id', '=', rotated.familyId).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
    const issued = t.app.issueAccessToken({ subject: person.accountId, kind: 'person', grants: grants ?? [], session: rotated.familyId });
    await expectRefusedEverywhere(issued, /session .* has ended/);
    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: rotated.token } })).statusCode).toBe(401);
  });
});

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > timeoutMs) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Backends of this test's database waiting for a lock. */
async function waitingOnLocks(): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(
    t.testDatabase.database.db,
  );
  return rows[0]!.n;
}

describe('ballots (the hot path asks in the statement that casts)', () => {
  it('a logged-out session casts nothing on any instance: with or without an Idempotency-Key, nor by replaying one', async () => {
    const owner = { name: '李四', id: residentId('19750505', 21) };
    await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'RV-1', building: '9栋', room: '901', area: '88.00', owners: [owner] }]);
    const voter = await verifiedOwner(t, owner);
    const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
    const { meetingId, motionIds } = await openMeeting(t, clock, clock.now(), organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '撤销后投票' }]);
    const voterId = (await myBallots(t, voter.accessToken, meetingId))[0]!.voterId;
    const cast = (app: App, choice: string, key?: string) =>
      app.inject({
        method: 'POST',
        url: `/v1/meetings/${meetingId}/motions/${motionIds[0]}/ballots`,
        headers: { ...bearer(voter.accessToken), ...(key ? { 'idempotency-key': key } : {}) },
        payload: { voterId, choice },
      });
    for (const [name, app] of instances()) expect((await cast(app, 'agree')).statusCode, name).toBe(201);
    expect((await cast(t.app, 'oppose', 'before-logout-1')).statusCode).toBe(201);
    expect((await cast(other.app, 'oppose', 'before-logout-1')).headers['idempotent-replayed']).toBe('true');
    const written = async () => (await t.testDatabase.database.db.selectFrom('ballots').select('id').where('voter_id', '=', voterId).execute()).length;
    const before = await written();
    expect(before).toBe(3);

    expect((await t.app.inject({ method: 'POST', url: '/v1/auth/logout', payload: { refreshToken: voter.refreshToken } })).statusCode).toBe(204);
    for (const [name, app] of instances()) {
      for (const res of [await cast(app, 'abstain'), await cast(app, 'abstain', `after-logout-${name.length}`), await cast(app, 'oppose', 'before-logout-1')]) {
        expect(res.statusCode, name).toBe(401);
        expect(res.headers['content-type'], name).toMatch(/^application\/problem\+json/);
        expect(res.json().detail, name).toMatch(/session .* has ended/);
      }
    }
    expect(await written()).toBe(before);
  });
});
