import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { up as noticeDaysMigration } from '../../migrations/0023_notice_days_statute.ts';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type OrganisedEstates, organisedEstates } from '../factories/organised-estates.ts';
import type { Session } from '../factories/people.ts';

/**
 * Issue 16's console gaps on the service's side: R4.1 — a regular meeting's notice is never
 * shorter than the statute's 15 days, 7 only for temporary meetings where the city allows —
 * with every refusal said in the staff's words (zh, en).
 */

const DAY = 24 * 3_600_000;
const T0 = new Date('2026-12-01T02:00:00Z');

let t: TestApp;
let clock: ReturnType<typeof manualClock>;
let places: OrganisedEstates['places'];
let organiser: Session;
let owner: Session;
let otherOrganiser: Session;

beforeAll(async () => {
  clock = manualClock(T0);
  t = await createTestApp({ clock });
  ({ places, organiser, otherOrganiser, owner } = await organisedEstates(t));
}, 60_000);
afterAll(async () => t?.close());

const putSettings = (payload: object, estate = places.estateA) =>
  t.app.inject({ method: 'PUT', url: `/v1/estates/${estate}/settings`, headers: bearer(places.staffA), payload });
const send = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, session: Session, payload?: object) =>
  t.app.inject({ method, url, headers: bearer(session.accessToken), ...(payload && { payload }) });

type Refusal = { errors: { path: string; message: string; words: { zh: string; en: string } }[] };

describe('R4.1: the notice period of regular meetings (estate settings)', () => {
  it('refuses a regular notice shorter than 15 days, saying why and where a 7-day notice belongs', async () => {
    const refused = await putSettings({ noticeDays: 7 });
    expect(refused.statusCode).toBe(400);
    const [error] = refused.json<Refusal>().errors;
    expect(error!.path).toBe('body.settings.noticeDays');
    expect(error!.words.zh).toContain('会议公告提前天数不能少于15日');
    expect(error!.words.zh).toContain('物业管理条例第十四条');
    expect(error!.words.zh).toContain('临时会议公告提前天数');
    expect(error!.words.en).toContain('cannot be fewer than 15');
    expect((await putSettings({ noticeDays: 14 })).statusCode).toBe(400);
    expect((await putSettings({ noticeDays: 15 })).statusCode).toBe(200);
  });

  it('accepts 7 days for temporary meetings only; fewer is refused in words', async () => {
    expect((await putSettings({ temporaryNoticeDays: 7 })).statusCode).toBe(200);
    const refused = await putSettings({ temporaryNoticeDays: 6 });
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Refusal>().errors[0]!.words.zh).toContain('临时会议公告提前天数不能少于7日');
  });

  it('a new estate cannot be created with a 7-day regular notice either', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/townships/${places.townshipA}/estates`,
      headers: bearer(places.staffA),
      payload: { name: '七日小区', settings: { noticeDays: 7 } },
    });
    expect(created.statusCode).toBe(400);
    expect(created.json<Refusal>().errors[0]!.words.zh).toContain('不能少于15日');
  });

  it('with a 7-day temporary notice, a regular meeting still needs 15 days and a temporary one 7', async () => {
    expect((await putSettings({ temporaryNoticeDays: 7 })).statusCode).toBe(200);
    const draft = async (kind: 'regular' | 'temporary') => {
      const created = await send('POST', `/v1/estates/${places.estateA}/meetings`, organiser, {
        kind,
        title: `${kind} 公告期`,
        votingOpensAt: new Date(clock.now().getTime() + 8 * DAY).toISOString(),
        votingClosesAt: new Date(clock.now().getTime() + 15 * DAY).toISOString(),
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ id: string }>().id;
      await send('POST', `/v1/meetings/${id}/motions`, organiser, { matter: 'other_major', kind: 'yes_no', title: '议题' });
      return id;
    };
    const regular = await send('POST', `/v1/meetings/${await draft('regular')}/notice`, organiser);
    expect(regular.statusCode).toBe(409);
    expect(regular.json()).toMatchObject({ reason: 'notice-too-short', noticeDays: 15 });
    const temporary = await send('POST', `/v1/meetings/${await draft('temporary')}/notice`, organiser);
    expect(temporary.statusCode).toBe(200);
    await putSettings({});
  });

  it('a looser share is refused in words naming the matter, the floor and the statute', async () => {
    const refused = await putSettings({ overrides: { rebuild: { approval: { num: 2, den: 3, strict: false } } } });
    expect(refused.statusCode).toBe(400);
    const [error] = refused.json<Refusal>().errors;
    expect(error!.words.zh).toBe(
      '“改建、重建建筑物及其附属设施”的同意比例不能低于法定标准“达到四分之三”（民法典 第二百七十八条）。小区只能规定比法定标准更严格的比例：请提高这个比例，或点“取消，按法定比例”。',
    );
    expect(error!.words.en).toContain('at least 3/4');
  });

  it('an estate stored with a short regular notice keeps it for temporary meetings and takes 15 days for regular ones (migration 0023)', async () => {
    const db = t.testDatabase.database.db;
    const estateOf = (settings: object) => places.estate(places.townshipA, `旧设置 ${JSON.stringify(settings)}`, {}).then(async (id) => {
      await sql`update estates set settings = ${JSON.stringify(settings)}::jsonb where id = ${id}`.execute(db);
      return id;
    });
    const short = await estateOf({ noticeDays: 10 });
    const both = await estateOf({ noticeDays: 7, temporaryNoticeDays: 8 });
    const fine = await estateOf({ noticeDays: 20 });
    await noticeDaysMigration(db as never);
    const settingsOf = async (id: string) => (await db.selectFrom('estates').select('settings').where('id', '=', id).executeTakeFirstOrThrow()).settings;
    expect(await settingsOf(short)).toEqual({ noticeDays: 15, temporaryNoticeDays: 10 });
    expect(await settingsOf(both)).toEqual({ noticeDays: 15, temporaryNoticeDays: 8 });
    expect(await settingsOf(fine)).toEqual({ noticeDays: 20 });
    // And they read again through the settings check.
    expect((await send('GET', `/v1/estates/${short}/settings`, { accessToken: places.staffA } as Session)).statusCode).toBe(200);
  });
});

describe('GET /v1/estates/{estateId}/meetings pages on the server (ui.md: tables paginate server-side)', () => {
  it('answers a page at a time, newest first, with the total; pages neither repeat nor skip a meeting', async () => {
    for (let i = 0; i < 23; i++) {
      const created = await send('POST', `/v1/estates/${places.estateA}/meetings`, organiser, {
        kind: 'regular',
        title: `第${i + 1}次会议`,
        votingOpensAt: new Date(clock.now().getTime() + 20 * DAY).toISOString(),
        votingClosesAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
      });
      expect(created.statusCode).toBe(201);
    }
    const first = await send('GET', `/v1/estates/${places.estateA}/meetings`, organiser);
    expect(first.statusCode).toBe(200);
    const body = first.json<{ items: { id: string; title: string }[]; total: number; page: number; pageSize: number }>();
    expect(body).toMatchObject({ page: 1, pageSize: 20 });
    expect(body.items).toHaveLength(20);
    expect(body.total).toBeGreaterThanOrEqual(25);
    expect(body.items[0]!.title).toBe('第23次会议');

    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(body.total / 10); page++) {
      const answer = (await send('GET', `/v1/estates/${places.estateA}/meetings?page=${page}&pageSize=10`, organiser)).json<{ items: { id: string }[]; total: number }>();
      expect(answer.total).toBe(body.total);
      seen.push(...answer.items.map((m) => m.id));
    }
    expect(seen).toHaveLength(body.total);
    expect(new Set(seen).size).toBe(body.total);
    expect((await send('GET', `/v1/estates/${places.estateA}/meetings?page=99`, organiser)).json()).toMatchObject({ items: [], total: body.total, page: 99 });
  });

  it('narrows to the statuses asked, on the server, the total counting only those', async () => {
    const drafts = (await send('GET', `/v1/estates/${places.estateA}/meetings?status=draft&pageSize=100`, organiser)).json<{ items: { status: string }[]; total: number }>();
    expect(drafts.total).toBeGreaterThan(20);
    expect(new Set(drafts.items.map((m) => m.status))).toEqual(new Set(['draft']));
    const noticed = (await send('GET', `/v1/estates/${places.estateA}/meetings?status=noticed,open`, organiser)).json<{ items: { status: string }[]; total: number }>();
    expect(noticed.total).toBe(1);
    expect(noticed.items.map((m) => m.status)).toEqual(['noticed']);
  });

  it('refuses a bad page or status with a problem, and other estates as not found', async () => {
    for (const query of ['?page=0', '?pageSize=101', '?page=x', '?status=open,nonsense']) {
      const bad = await send('GET', `/v1/estates/${places.estateA}/meetings${query}`, organiser);
      expect(bad.statusCode, query).toBe(400);
      expect(bad.headers['content-type']).toContain('application/problem+json');
    }
    expect((await send('GET', `/v1/estates/${places.estateB}/meetings`, organiser)).statusCode).toBe(404);
  });
});

describe('a motion’s documents for owners: short-lived signed links (POST …/documents/{id}/link)', () => {
  const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n');
  let meetingId: string;
  let documentId: string;

  beforeAll(async () => {
    const created = await send('POST', `/v1/estates/${places.estateA}/meetings`, organiser, {
      kind: 'regular',
      title: '有材料的会议',
      votingOpensAt: new Date(clock.now().getTime() + 16 * DAY).toISOString(),
      votingClosesAt: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
    });
    meetingId = created.json<{ id: string }>().id;
    const kept = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${places.estateA}/attachments?name=${encodeURIComponent('合同.pdf')}`,
      headers: { ...bearer(organiser.accessToken), 'content-type': 'application/pdf' },
      payload: PDF,
    });
    const attachment = kept.json<{ id: string; sha256: string }>();
    documentId = attachment.id;
    const url = `http://localhost/v1/meetings/${meetingId}/documents/${documentId}`;
    const added = await send('POST', `/v1/meetings/${meetingId}/motions`, organiser, {
      matter: 'property_manager',
      kind: 'yes_no',
      title: '续聘',
      documents: [{ name: '物业服务合同（草案）.pdf', url, sha256: attachment.sha256 }],
    });
    expect(added.statusCode).toBe(201);
  });

  const link = (session: Session, attachment = documentId) => send('POST', `/v1/meetings/${meetingId}/documents/${attachment}/link`, session);

  it('gives an owner a link once the notice is out, that opens without a token, inline, for ten minutes', async () => {
    expect((await link(owner)).statusCode).toBe(404); // a draft is not there for owners
    expect((await send('POST', `/v1/meetings/${meetingId}/notice`, organiser)).statusCode).toBe(200);
    const issued = await link(owner);
    expect(issued.statusCode).toBe(200);
    const { url, expiresAt } = issued.json<{ url: string; expiresAt: string }>();
    expect(url).toMatch(new RegExp(`^/v1/meetings/${meetingId}/documents/${documentId}/download\\?expires=\\d+&signature=[\\w-]+$`));
    expect(new Date(expiresAt).getTime() - clock.now().getTime()).toBe(10 * 60_000);

    const opened = await t.app.inject({ method: 'GET', url });
    expect(opened.statusCode).toBe(200);
    expect(opened.headers['content-type']).toBe('application/pdf');
    expect(opened.headers['content-disposition']).toMatch(/^inline; /);
    expect(opened.headers['content-disposition']).toContain(encodeURIComponent('物业服务合同（草案）.pdf'));
    expect(opened.headers['cache-control']).toBe('private, no-store');
    expect(opened.rawPayload.equals(PDF)).toBe(true);

    clock.advance(10 * 60_000);
    const expired = await t.app.inject({ method: 'GET', url });
    expect(expired.statusCode).toBe(404);
    expect(expired.json()).toMatchObject({ reason: 'document-link-expired' });
  });

  it('never opens with a signature of another document, meeting or expiry, or none', async () => {
    const { url } = (await link(owner)).json<{ url: string }>();
    const query = new URL(url, 'http://localhost').searchParams;
    const signature = query.get('signature')!;
    const expires = Number(query.get('expires'));
    const other = '00000000-0000-4000-8000-000000000000';
    for (const forged of [
      `/v1/meetings/${meetingId}/documents/${other}/download?expires=${expires}&signature=${signature}`,
      `/v1/meetings/${other}/documents/${documentId}/download?expires=${expires}&signature=${signature}`,
      `/v1/meetings/${meetingId}/documents/${documentId}/download?expires=${expires + 3600}&signature=${signature}`,
      `/v1/meetings/${meetingId}/documents/${documentId}/download?expires=${expires}&signature=${signature.slice(0, -2)}AA`,
    ]) {
      expect((await t.app.inject({ method: 'GET', url: forged })).statusCode, forged).toBe(404);
    }
    expect((await t.app.inject({ method: 'GET', url: `/v1/meetings/${meetingId}/documents/${documentId}/download` })).statusCode).toBe(400);
  });

  it('issues links only to readers of the meeting and only for documents a motion cites', async () => {
    expect((await link(otherOrganiser)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `/v1/meetings/${meetingId}/documents/${documentId}/link` })).statusCode).toBe(401);
    expect((await link(owner, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await link(organiser)).statusCode).toBe(200);
  });
});

describe('415 says what the route accepts', () => {
  it('a registry upload sent as a PDF is told to send CSV or JSON, not “application/json” alone', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${places.estateA}/registry-imports`,
      headers: { ...bearer(places.staffA), 'content-type': 'application/pdf' },
      payload: Buffer.from('%PDF-1.7\n'),
    });
    expect(res.statusCode).toBe(415);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ detail: 'Send the body as text/csv or application/json', accepted: ['text/csv', 'application/json'] });
  });

  it('an attachment sent as a form or as JSON is told the file types it takes', async () => {
    for (const [type, payload] of [
      ['multipart/form-data; boundary=x', '--x--'],
      ['application/json', '{}'],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/estates/${places.estateA}/attachments?name=scan.pdf`,
        headers: { ...bearer(organiser.accessToken), 'content-type': type },
        payload,
      });
      expect(res.statusCode, type).toBe(415);
      expect(res.json<{ detail: string }>().detail, type).toContain('application/pdf, image/jpeg, image/png');
    }
  });

  it('a JSON route still asks for JSON', async () => {
    const res = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${places.estateA}/settings`,
      headers: { ...bearer(places.staffA), 'content-type': 'application/xml' },
      payload: '<noticeDays>15</noticeDays>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ detail: 'Send the body as application/json', accepted: ['application/json'] });
  });
});
