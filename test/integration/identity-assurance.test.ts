import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { developmentFaceProvider } from '../../src/identity/face/development.ts';
import type { FaceProvider } from '../../src/identity/face/face-provider.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { type CsvOwner, registryCsv, residentId } from '../helpers/identity.ts';
import { importRegistry } from '../helpers/places.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { twoTownships } from '../factories/places.ts';
import { appointed } from '../factories/people.ts';
import { openMeeting } from '../factories/meetings.ts';
import { certificateKey } from '../../src/registry/certificate.ts';

/**
 * Identity assurance (issue 14): each level reached through its own path,
 * recorded on the binding and on the ballots it casts; an estate's minimum
 * refuses ballots below it with a 403 problem that says what to do; owners
 * see and end their bindings, and are told when a new phone binds to them.
 */

const clock = manualClock(new Date('2026-11-22T08:00:00Z'));
let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let strictEstate: string;

const person = (name: string, seq: number) => ({ name, id: residentId('19750505', seq) });
const jia = person('甲一', 101); // registry phone
const yi = person('乙二', 102); // property certificate
const bing = person('丙三', 103); // knowledge, then raised
const ding = person('丁四', 104); // face
const wu = person('戊五', 105); // in person
const ji = person('己六', 106); // bound by someone else with knowledge, then taken back by face
const geng = person('庚七', 107); // strict estate: registry phone
const xin = person('辛八', 108); // strict estate: face
const gui = person('癸十', 110); // knowledge only, refused

const JIA_PHONE = '13900000001';
const YI_CERTIFICATE = '京(2021)朝阳区不动产权第0000002号';
const BING_CERTIFICATE = '京(2021)朝阳区不动产权第0000003号';
const GENG_PHONE = '13900000007';
const JI_PHONE = '13900000006'; // the registry's: ji hears of the intruder there

const unit = (n: number, owner: CsvOwner) => ({ registryNo: `R-${n}`, building: '1栋', room: String(100 + n), area: '80.00', owners: [owner] });
const registryOfA = () => [
  unit(1, { ...jia, phone: JIA_PHONE }),
  unit(2, { ...yi, certificate: YI_CERTIFICATE }),
  unit(3, { ...bing, certificate: BING_CERTIFICATE }),
  unit(4, ding),
  unit(5, wu),
  unit(6, { ...ji, phone: JI_PHONE }),
  unit(7, gui),
];

beforeAll(async () => {
  t = await createTestApp({ clock, face: developmentFaceProvider() });
  p = await twoTownships(t);
  strictEstate = await p.estate(p.townshipB, '严格小区', { minimumAssurance: 'provider_face' });
  await importRegistry(t, p.staffA, p.estateA, registryCsv(registryOfA()));
  await importRegistry(t, p.staffB, strictEstate, registryCsv([unit(1, { ...geng, phone: GENG_PHONE }), unit(2, xin)]));
});
afterAll(async () => t?.close());

const verify = (token: string, body: object) => t.app.inject({ method: 'POST', url: '/v1/me/verification', headers: bearer(token), payload: body });

let phones = 0;
const newSession = () => logIn(t, `1370000${String(++phones).padStart(4, '0')}`);

/** Self-verification as the owner app does it; the session with the token it answers. */
async function selfVerified(owner: { name: string; id: string }, extra: object = {}, session?: { accessToken: string; accountId: string }) {
  const s = session ?? (await newSession());
  const res = await verify(s.accessToken, { name: owner.name, idNumber: owner.id, ...extra });
  expect(res.statusCode, res.body).toBe(200);
  return { ...s, accessToken: res.json().accessToken as string, assurance: res.json().assurance as { level: string; factor: string | null }[] };
}

async function faceVerified(owner: { name: string; id: string }, session?: { accessToken: string; accountId: string }) {
  const s = session ?? (await newSession());
  const started = await t.app.inject({
    method: 'POST',
    url: '/v1/me/face-checks',
    headers: bearer(s.accessToken),
    payload: { name: owner.name, idNumber: owner.id, redirectUrl: `${t.app.config.publicBaseUrl}/face-done` },
  });
  expect(started.statusCode, started.body).toBe(201);
  const { checkId, url } = started.json();
  const done = await t.app.inject({ method: 'POST', url: `/v1/me/face-checks/${checkId}/completion`, headers: bearer(s.accessToken) });
  expect(done.statusCode, done.body).toBe(200);
  return { ...s, url: url as string, checkId: checkId as string, accessToken: done.json().accessToken as string, assurance: done.json().assurance };
}

const bindingOf = async (ownerName: string) =>
  t.testDatabase.database.db
    .selectFrom('owner_bindings')
    .innerJoin('owners', 'owners.id', 'owner_bindings.owner_id')
    .select(['owner_bindings.account_id', 'owner_bindings.method', 'owner_bindings.level', 'owner_bindings.factor', 'owner_bindings.face_provider'])
    .where('owners.name', '=', ownerName)
    .where('owner_bindings.revoked_at', 'is', null)
    .executeTakeFirst();

const sessions: Record<string, { accessToken: string; accountId: string }> = {};

describe('each level through its own path', () => {
  it('knowledge: name and identity number alone', async () => {
    const verified = await selfVerified(bing);
    sessions.bing = verified;
    expect(verified.assurance).toEqual([expect.objectContaining({ level: 'knowledge', factor: null })]);
    expect(await bindingOf(bing.name)).toMatchObject({ method: 'self', level: 'knowledge', factor: null });
    // Knowledge may still see holdings.
    const holdings = await t.app.inject({ url: `/v1/me/estates/${p.estateA}/holdings`, headers: bearer(sessions.bing.accessToken) });
    expect(holdings.statusCode).toBe(200);
  });

  it('registry_factor by phone: the login phone is the owner’s phone on record', async () => {
    const s = await logIn(t, JIA_PHONE);
    sessions.jia = await selfVerified(jia, {}, s);
    expect(await bindingOf(jia.name)).toMatchObject({ level: 'registry_factor', factor: 'phone' });
    const me = await t.app.inject({ url: '/v1/me', headers: bearer(sessions.jia.accessToken) });
    expect(me.json().verifiedOwners).toEqual([expect.objectContaining({ name: jia.name, level: 'registry_factor' })]);
  });

  it('registry_factor by the property certificate number, as typed from the paper; a wrong one is a failed attempt', async () => {
    const s = await newSession();
    const wrong = await verify(s.accessToken, { name: yi.name, idNumber: yi.id, certificateNumber: '京(2021)朝阳区不动产权第9999999号' });
    expect(wrong.statusCode).toBe(422);
    expect(await bindingOf(yi.name)).toBeUndefined();
    sessions.yi = await selfVerified(yi, { certificateNumber: '京（2021）朝阳区 不动产权第0000002号' }, s);
    expect(await bindingOf(yi.name)).toMatchObject({ level: 'registry_factor', factor: 'property_certificate' });
  });

  it('a knowledge binding is raised by the same account, audited; another account cannot take it by self-verification', async () => {
    const other = await newSession();
    expect((await verify(other.accessToken, { name: bing.name, idNumber: bing.id, certificateNumber: BING_CERTIFICATE })).statusCode).toBe(409);
    sessions.bing = await selfVerified(bing, { certificateNumber: BING_CERTIFICATE }, sessions.bing);
    expect(await bindingOf(bing.name)).toMatchObject({ account_id: sessions.bing.accountId, level: 'registry_factor', factor: 'property_certificate' });
    const audit = await t.testDatabase.database.db.selectFrom('audit_log').select(['action', 'data']).where('action', '=', 'owner.assurance_raised').execute();
    expect(audit).toEqual([{ action: 'owner.assurance_raised', data: expect.objectContaining({ from: 'knowledge', level: 'registry_factor', factor: 'property_certificate' }) }]);
  });

  it('provider_face: started for a name and number, the outcome read from the provider server-side', async () => {
    const verified = await faceVerified(ding);
    sessions.ding = verified;
    expect(verified.url.startsWith(`${t.app.config.publicBaseUrl}/face-done?token=dev-`), verified.url).toBe(true);
    expect(await bindingOf(ding.name)).toMatchObject({ method: 'face', level: 'provider_face', face_provider: 'development' });
    // A completed check is used up.
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/me/face-checks/${verified.checkId}/completion`,
      headers: bearer(sessions.ding.accessToken),
    });
    expect(again.statusCode).toBe(409);
  });

  it('a face check sends the owner back only to a page of this service, never elsewhere (the provider’s token would go with them)', async () => {
    const s = await newSession();
    const checksBefore = await t.testDatabase.database.db.selectFrom('face_checks').select('id').execute();
    for (const redirectUrl of ['https://evil.example/steal', 'http://localhost.evil.example/face-done']) {
      const res = await t.app.inject({ method: 'POST', url: '/v1/me/face-checks', headers: bearer(s.accessToken), payload: { name: ding.name, idNumber: ding.id, redirectUrl } });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ path: 'body.redirectUrl' }] });
    }
    expect(await t.testDatabase.database.db.selectFrom('face_checks').select('id').execute()).toHaveLength(checksBefore.length);
  });

  it('provider_face takes an owner back from a knowledge binding of another account (someone with a copy of the identity card)', async () => {
    const intruder = await selfVerified(ji);
    expect(await bindingOf(ji.name)).toMatchObject({ account_id: intruder.accountId, level: 'knowledge' });
    sessions.ji = await faceVerified(ji);
    expect(await bindingOf(ji.name)).toMatchObject({ account_id: sessions.ji.accountId, level: 'provider_face' });
    const replaced = await t.testDatabase.database.db.selectFrom('audit_log').select('data').where('action', '=', 'owner.binding_replaced').execute();
    expect(replaced).toEqual([{ data: expect.objectContaining({ replacedAccountId: intruder.accountId, replacedLevel: 'knowledge' }) }]);
  });

  it('a provider whose outcome names another identity binds nobody', async () => {
    const lying: FaceProvider = {
      name: 'development',
      start: async ({ redirectUrl }) => ({ token: 'lying-token', url: redirectUrl }),
      outcome: async () => ({ status: 'passed', name: wu.name, idNumber: residentId('19750505', 999), providerReference: null }),
    };
    const app = t.app as unknown as { face: FaceProvider | null };
    const real = app.face;
    app.face = lying;
    try {
      const s = await newSession();
      const started = await t.app.inject({ method: 'POST', url: '/v1/me/face-checks', headers: bearer(s.accessToken), payload: { name: wu.name, idNumber: wu.id, redirectUrl: `${t.app.config.publicBaseUrl}/x` } });
      const done = await t.app.inject({ method: 'POST', url: `/v1/me/face-checks/${started.json().checkId}/completion`, headers: bearer(s.accessToken) });
      expect(done.statusCode).toBe(422);
      expect(await bindingOf(wu.name)).toBeUndefined();
    } finally {
      app.face = real;
    }
  });

  it('in_person: staff saw the documents', async () => {
    const ownerId = (await t.testDatabase.database.db.selectFrom('owners').select('id').where('name', '=', wu.name).executeTakeFirstOrThrow()).id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/owners/${ownerId}/in-person-verification`,
      headers: bearer(p.staffA),
      payload: { phone: '13700009005', documentType: 'resident_id' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await bindingOf(wu.name)).toMatchObject({ method: 'in_person', level: 'in_person' });
    sessions.wu = await logIn(t, '13700009005');
  });

  it('the estate’s unit listing shows staff how strongly each owner is bound', async () => {
    const res = await t.app.inject({ url: `/v1/estates/${p.estateA}/units?limit=100`, headers: bearer(p.staffA) });
    expect(res.statusCode, res.body).toBe(200);
    const owners = (res.json().items as { owners: { name: string; verified: boolean; assurance: string | null }[] }[]).flatMap((u) => u.owners);
    const of = (name: string) => owners.find((o) => o.name === name);
    expect(of(wu.name)).toMatchObject({ verified: true, assurance: 'in_person' });
    expect(of(ding.name)).toMatchObject({ verified: true, assurance: 'provider_face' });
    expect(of(jia.name)).toMatchObject({ verified: true, assurance: 'registry_factor' });
    expect(of(gui.name)).toMatchObject({ verified: false, assurance: null });
  });

  it('every new phone bound to an owner writes an owner_bound message to that owner; a raise writes none', async () => {
    const rows = await t.testDatabase.database.db
      .selectFrom('notifications')
      .innerJoin('owners', 'owners.id', 'notifications.owner_id')
      .select(['owners.name', 'notifications.recipient', 'notifications.body'])
      .where('topic', '=', 'owner_bound')
      .execute();
    const count = (name: string) => rows.filter((r) => r.name === name).length;
    expect([jia, yi, bing, ding, wu].map((o) => count(o.name))).toEqual([1, 1, 1, 1, 1]);
    expect(count(gui.name)).toBe(0);
    expect(count(ji.name)).toBe(2); // the intruder's phone, then the owner's own
    expect(rows.every((r) => r.recipient === 'owner')).toBe(true);
    // The SMS goes to the phone the registry knows, not only to the phone just bound: ji, bound by an
    // intruder from another phone, is told on ji's own phone of both bindings.
    const jiPhones = await t.testDatabase.database.db
      .selectFrom('message_deliveries')
      .innerJoin('notifications', 'notifications.id', 'message_deliveries.notification_id')
      .innerJoin('owners', 'owners.id', 'notifications.owner_id')
      .select('message_deliveries.phone')
      .where('notifications.topic', '=', 'owner_bound')
      .where('owners.name', '=', ji.name)
      .execute();
    expect(jiPhones.filter((d) => d.phone === JI_PHONE)).toHaveLength(2);
    expect(jiPhones.length).toBeGreaterThan(2); // and the phones that were bound
    const jias = rows.find((r) => r.name === jia.name)!.body;
    expect(jias).toContain('139****0001');
    expect(jias).not.toContain(JIA_PHONE);
    expect(jias).toContain('阳光花园');
  });
});

describe('property certificate numbers in the registry', () => {
  it('are kept only as an HMAC per (unit, owner), and a re-import that changes one updates it, not the owners', async () => {
    const db = t.testDatabase.database.db;
    const keyOf = async (registryNo: string) =>
      (await db.selectFrom('unit_owners').innerJoin('units', 'units.id', 'unit_owners.unit_id').select('certificate_key').where('units.registry_no', '=', registryNo).where('units.estate_id', '=', p.estateA).executeTakeFirstOrThrow()).certificate_key;
    expect((await keyOf('R-3'))?.toString('hex')).toBe(certificateKey(t.keys.identityHmacKey, BING_CERTIFICATE));
    expect(await keyOf('R-1')).toBeNull();
    const text = JSON.stringify(await db.selectFrom('unit_owners').selectAll().execute());
    expect(text).not.toContain('不动产权');

    const renewed = '京(2026)朝阳区不动产权第0000033号';
    const units = registryOfA().map((u) => (u.registryNo === 'R-3' ? { ...u, owners: [{ ...bing, certificate: renewed }] } : u));
    const preview = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports`,
      headers: { ...bearer(p.staffA), 'content-type': 'text/csv' },
      payload: registryCsv(units),
    });
    expect(preview.statusCode, preview.body).toBe(201);
    expect(preview.json().counts).toMatchObject({ transfers: 0, added: 0, removed: 0 });
    const applied = await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/registry-imports/${preview.json().id}/apply`, headers: bearer(p.staffA) });
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await keyOf('R-3'))?.toString('hex')).toBe(certificateKey(t.keys.identityHmacKey, renewed));
    // Put back as the other tests expect it.
    await importRegistry(t, p.staffA, p.estateA, registryCsv(registryOfA()));
    expect((await keyOf('R-3'))?.toString('hex')).toBe(certificateKey(t.keys.identityHmacKey, BING_CERTIFICATE));
  });
});

describe('an estate’s minimum level', () => {
  let meeting: { meetingId: string; motionIds: string[]; closesAt: Date; headers: Record<string, string> };

  beforeAll(async () => {
    const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
    meeting = await openMeeting(t, clock, clock.now(), organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '等级测试' }]);
  });

  const vote = async (s: { accessToken: string }) => {
    const [item] = await myBallots(t, s.accessToken, meeting.meetingId);
    return castBallot(t, s.accessToken, meeting.meetingId, meeting.motionIds[0]!, item!.voterId, 'agree');
  };

  it('is frozen on the meeting when voting opens (registry_factor by default)', async () => {
    const row = await t.testDatabase.database.db.selectFrom('meetings').select('min_assurance').where('id', '=', meeting.meetingId).executeTakeFirstOrThrow();
    expect(row.min_assurance).toBe('registry_factor');
  });

  it('refuses a knowledge binding with the 403 assurance-too-low problem that says what to do, and records nothing', async () => {
    const weak = await selfVerified(gui);
    sessions.gui = weak;
    expect(await bindingOf(gui.name)).toMatchObject({ level: 'knowledge' });
    const res = await vote(weak);
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ type: 'urn:gongjue:problem:assurance-too-low', status: 403 });
    expect(res.json().detail).toMatch(/property certificate number/);
    const db = t.testDatabase.database.db;
    expect(await db.selectFrom('ballots').select('id').where('motion_id', '=', meeting.motionIds[0]!).execute()).toEqual([]);
  });

  it('accepts every level at the minimum or above, and each ballot records the level of the binding that cast it', async () => {
    for (const who of ['jia', 'yi', 'bing', 'ding', 'ji', 'wu']) {
      const res = await vote(sessions[who]!);
      expect(res.statusCode, `${who}: ${res.body}`).toBe(201);
    }
    const levels = await t.testDatabase.database.db
      .selectFrom('ballots')
      .innerJoin('owners', 'owners.id', 'ballots.owner_id')
      .select(['owners.name', 'ballots.assurance_level', 'ballots.channel'])
      .where('motion_id', '=', meeting.motionIds[0]!)
      .orderBy('owners.name')
      .execute();
    expect(Object.fromEntries(levels.map((l) => [l.name, l.assurance_level]))).toEqual({
      [jia.name]: 'registry_factor',
      [yi.name]: 'registry_factor',
      [bing.name]: 'registry_factor',
      [ding.name]: 'provider_face',
      [ji.name]: 'provider_face',
      [wu.name]: 'in_person',
    });
  });

  it('the result says how many standing ballots came from each level: the township sees it before certifying', async () => {
    clock.set(meeting.closesAt);
    const closed = await t.app.inject({ method: 'POST', url: `/v1/meetings/${meeting.meetingId}/close`, headers: meeting.headers });
    expect(closed.statusCode, closed.body).toBe(200);
    const filing = await t.app.inject({ url: `/v1/meetings/${meeting.meetingId}/filing`, headers: bearer(p.staffA) });
    expect(filing.statusCode, filing.body).toBe(200);
    expect(filing.json().assurance[meeting.motionIds[0]!]).toEqual([
      { channel: 'online', level: 'in_person', ballots: 1 },
      { channel: 'online', level: 'provider_face', ballots: 2 },
      { channel: 'online', level: 'registry_factor', ballots: 3 },
    ]);
  });

  it('an estate requiring provider_face refuses registry_factor with words about face verification, and takes a face-verified owner’s ballot', async () => {
    const organiser = await appointed(t, p.staffB, strictEstate, 'organiser');
    const strict = await openMeeting(t, clock, clock.now(), organiser.accessToken, strictEstate, [{ matter: 'other_major', kind: 'yes_no', title: '严格' }]);
    const gengSession = await selfVerified(geng, {}, await logIn(t, GENG_PHONE));
    expect(await bindingOf(geng.name)).toMatchObject({ level: 'registry_factor' });
    const xinSession = await faceVerified(xin);
    const cast = async (s: { accessToken: string }) => {
      const [item] = await myBallots(t, s.accessToken, strict.meetingId);
      return castBallot(t, s.accessToken, strict.meetingId, strict.motionIds[0]!, item!.voterId, 'agree');
    };
    const refused = await cast(gengSession);
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ type: 'urn:gongjue:problem:assurance-too-low' });
    expect(refused.json().detail).toMatch(/face verification/);
    expect((await cast(xinSession)).statusCode).toBe(201);
  });
});

describe('an owner’s bindings', () => {
  it('a knowledge binding raised by a face check on the same account: provider_face, audited, no new-phone message', async () => {
    await faceVerified(gui, sessions.gui);
    expect(await bindingOf(gui.name)).toMatchObject({ account_id: sessions.gui!.accountId, method: 'face', level: 'provider_face', factor: null });
    const db = t.testDatabase.database.db;
    const raised = await db.selectFrom('audit_log').select('data').where('action', '=', 'owner.assurance_raised').execute();
    expect(raised.map((r) => r.data)).toContainEqual(expect.objectContaining({ from: 'knowledge', level: 'provider_face', method: 'face', faceProvider: 'development' }));
    const told = await db.selectFrom('notifications').innerJoin('owners', 'owners.id', 'notifications.owner_id').select('topic').where('owners.name', '=', gui.name).where('topic', '=', 'owner_bound').execute();
    expect(told).toHaveLength(1);
  });

  it('lists, for each owner the account is bound to, every phone bound to them (masked), since when and at which level', async () => {
    const res = await t.app.inject({ url: '/v1/me/bindings', headers: bearer(sessions.ji!.accessToken) });
    expect(res.statusCode).toBe(200);
    const [owner] = res.json().items;
    expect(owner).toMatchObject({ name: ji.name, estateId: p.estateA });
    expect(owner.bindings).toHaveLength(2);
    const [mine, before] = owner.bindings;
    expect(mine).toMatchObject({ you: true, level: 'provider_face', method: 'face', endedAt: null });
    expect(before).toMatchObject({ you: false, level: 'knowledge', method: 'self' });
    expect(before.endedAt).not.toBeNull();
    for (const b of owner.bindings) expect(b.phone).toMatch(/^137\*{4}\d{4}$/);
  });

  it('ends one: audited, every session of the account ends, and the account no longer votes for the owner', async () => {
    const owner = await t.testDatabase.database.db.selectFrom('owners').select('id').where('name', '=', yi.name).executeTakeFirstOrThrow();
    const ended = await t.app.inject({ method: 'DELETE', url: `/v1/me/bindings/${owner.id}`, headers: bearer(sessions.yi!.accessToken) });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(await bindingOf(yi.name)).toBeUndefined();
    const after = await t.app.inject({ url: '/v1/me/bindings', headers: bearer(sessions.yi!.accessToken) });
    expect(after.statusCode).toBe(401);
    const audit = await t.testDatabase.database.db.selectFrom('audit_log').select(['action', 'subject']).where('action', '=', 'owner.binding_ended').execute();
    expect(audit).toEqual([{ action: 'owner.binding_ended', subject: `owner:${owner.id}` }]);
    // Not the account's owner (any more): 404, nothing changes.
    const again = await logIn(t, (await t.testDatabase.database.db.selectFrom('accounts').select('phone').where('id', '=', sessions.yi!.accountId).executeTakeFirstOrThrow()).phone);
    expect((await t.app.inject({ method: 'DELETE', url: `/v1/me/bindings/${owner.id}`, headers: bearer(again.accessToken) })).statusCode).toBe(404);
  });
});

describe('without a face provider', () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp({ clock });
  });
  afterAll(async () => bare?.close());

  it('refuses to start a face check with a 409 problem', async () => {
    const s = await logIn(bare, '13700008888');
    const res = await bare.app.inject({
      method: 'POST',
      url: '/v1/me/face-checks',
      headers: bearer(s.accessToken),
      payload: { name: ding.name, idNumber: ding.id, redirectUrl: `${t.app.config.publicBaseUrl}/x` },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().type).toBe('urn:gongjue:problem:face-verification-unavailable');
  });
});
