import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { CSP } from '../../src/plugins/security-headers.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, wang, zhang } from '../factories/cast.ts';
import { closeAndPublish, openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner, type Session } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * What the console's results and petitions pages read (issue 16): an estate's petitions with
 * their progress against 20 % (listPetitions, new), each result's report described in full
 * (getResults), and the printable notice with page numbers and a running head on every page,
 * whose one style the console's CSP allows by its hash.
 */
const START = new Date('2026-11-01T00:00:00Z');
const clock = manualClock(START);

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: Session;
let meetingId: string;
const get = (url: string, token: string) => t.app.inject({ url, headers: bearer(token) });

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  // TA = 300.00 m², TH = 3: 20 % is 60.00 m² and 1 head (0.6 rounded up).
  await importRegistry(t, p.staffA, p.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [li] },
    { registryNo: 'R-3', building: '2栋', room: '201', area: '120.00', owners: [wang] },
  ]);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  const zhangS = await verifiedOwner(t, zhang);
  const liS = await verifiedOwner(t, li);
  for (const [session, title] of [[zhangS, '提议召开临时业主大会'], [liS, '增设车位前征求意见']] as const) {
    clock.set(new Date(clock.now().getTime() + 60_000));
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/petitions`,
      headers: bearer(session.accessToken),
      payload: { purpose: title.startsWith('增设') ? 'parking_expansion' : 'temporary_meeting', title },
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  const opened = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, [{ matter: 'other_major', kind: 'yes_no', title: '增设充电桩' }]);
  meetingId = opened.meetingId;
  for (const s of [zhangS, liS]) {
    const [b] = await myBallots(t, s.accessToken, meetingId);
    expect((await castBallot(t, s.accessToken, meetingId, b!.motionId, b!.voterId, 'agree')).statusCode).toBe(201);
  }
  await closeAndPublish(t, clock, organiser.accessToken, meetingId, opened.closesAt);
}, 120_000);
afterAll(async () => t?.close());

describe('an estate’s petitions (GET /v1/estates/{id}/petitions)', () => {
  it('lists them newest first, each with its progress by area and heads against 20 %, a page at a time', async () => {
    const res = await get(`/v1/estates/${p.estateA}/petitions`, organiser.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.total).toBe(2);
    expect(body.items.map((i: { title: string }) => i.title)).toEqual(['增设车位前征求意见', '提议召开临时业主大会']);
    // 李四 signed 80.00 m², 1 head; 张三 100.00 m², 1 head: both past 60.00 m² and 1 head.
    expect(body.items[0].progress).toEqual({ signed: { area: '80.00', heads: 1 }, total: { area: '300.00', heads: 3 }, needed: { area: '60.00', heads: 1 }, met: true });
    expect(body.items[1].progress.signed).toEqual({ area: '100.00', heads: 1 });
    // The list says what the petition itself says.
    const one = await get(`/v1/petitions/${body.items[1].id}`, organiser.accessToken);
    expect(one.json()).toEqual(body.items[1]);
    const second = (await get(`/v1/estates/${p.estateA}/petitions?limit=1&offset=1`, p.committeeA)).json();
    expect(second).toMatchObject({ total: 2, items: [{ title: '提议召开临时业主大会' }] });
    expect(second.items).toHaveLength(1);
  });

  it('is not there for people of other estates and townships (404), and refuses bad paging (400)', async () => {
    const elsewhere = await appointed(t, p.staffB, p.estateB, 'organiser');
    for (const token of [elsewhere.accessToken, p.staffB]) {
      const res = await get(`/v1/estates/${p.estateA}/petitions`, token);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('提议');
    }
    expect((await get(`/v1/estates/${p.estateB}/petitions`, elsewhere.accessToken)).json()).toEqual({ items: [], total: 0 });
    for (const query of ['limit=0', 'limit=101', 'offset=-1', 'limit=x', 'page=2']) {
      const res = await get(`/v1/estates/${p.estateA}/petitions?${query}`, organiser.accessToken);
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect((await t.app.inject({ url: `/v1/estates/${p.estateA}/petitions` })).statusCode).toBe(401);
  });
});

describe('the results as the console reads them', () => {
  it('GET …/results: each report whole — totals, choices, quorum with the least figures, verdict, explanation lines', async () => {
    const res = await get(`/v1/meetings/${meetingId}/results`, organiser.accessToken);
    expect(res.statusCode, res.body).toBe(200);
    const [item] = res.json().items;
    const stored = await t.testDatabase.database.db.selectFrom('motion_results').select('report').where('meeting_id', '=', meetingId).executeTakeFirstOrThrow();
    // Describing the report lost nothing of it: the answer is the stored report, key for key.
    expect(item.report).toEqual(stored.report);
    expect(item.report.totals).toMatchObject({ TA: '300.00', TH: 3, PA: '180.00', PH: 2 });
    expect(item.report.quorum.area).toMatchObject({ value: '180.00', base: '300.00', needed: '200.00', met: false });
    expect(item.report.explanation.zh.length).toBeGreaterThan(2);
    expect((await get(`/v1/meetings/${meetingId}/results`, (await appointed(t, p.staffB, p.estateB, 'organiser')).accessToken)).statusCode).toBe(404);
  });

  it('the printable notice heads every page with the estate, meeting and date, numbers its pages, and the console may open it', async () => {
    const res = await get(`/v1/meetings/${meetingId}/notice.html`, organiser.accessToken);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('counter(page)');
    expect(html).toContain('counter(pages)');
    const running = /<td class="running">([^<]*)<\/td>/.exec(html)?.[1];
    expect(running).toContain('阳光花园业主大会');
    expect(running).toContain('公告时间：');
    const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => m[1]!);
    expect(styles).toHaveLength(1);
    const hash = `'sha256-${createHash('sha256').update(styles[0]!, 'utf8').digest('base64')}'`;
    expect(CSP.webApp).toContain(`style-src 'self' ${hash};`);
    // The same style for every notice: nothing of a notice is written into it.
    expect(styles[0]).not.toContain('阳光花园');
  });
});
