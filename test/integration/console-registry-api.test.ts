import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statutoryRule } from '../../src/tally/index.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import type { CsvUnit } from '../helpers/identity.ts';
import { ownerNumber as person } from '../factories/cast.ts';
import { appointed, type Session, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * What the console's registry and settings pages read (issue 16): the units listing's filters,
 * total, buildings, representative flag and the caller's abilities; the estate's settings with
 * the statute each refines, the floors and their words, and who may change them. Records of
 * other estates answer 404.
 */
let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
let organiser: Session;
let organiserB: Session;

const co = [{ ...person(20), phone: '13900000020' }, person(21)];
const units: CsvUnit[] = [
  { registryNo: 'A-101', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [{ ...person(1), phone: '13900000001' }] },
  { registryNo: 'A-102', building: '1栋', stair: '1单元', room: '102', area: '90.00', owners: [person(2)] },
  { registryNo: 'A-201', building: '1栋', stair: '2单元', room: '201', area: '80.50', owners: co },
  { registryNo: 'B-101', building: '2栋', room: '101', area: '70.00', owners: [person(3)] },
  { registryNo: 'B-1_1', building: '2栋', room: '1_1', area: '10.00', kind: 'parking', owners: [person(3)] },
];

beforeAll(async () => {
  t = await createTestApp();
  p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, units);
  organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
  organiserB = await appointed(t, p.staffB, p.estateB, 'organiser');
  await verifiedOwner(t, person(1));
}, 60_000);
afterAll(async () => t?.close());

const list = (token: string, query = '', estate = p.estateA) => t.app.inject({ method: 'GET', url: `/v1/estates/${estate}/units${query}`, headers: bearer(token) });
const numbers = (body: { items: { registryNo: string }[] }) => body.items.map((u) => u.registryNo);

describe('GET /v1/estates/{estateId}/units for the console', () => {
  it('pages with a total and filters by building, stair, room prefix and verification', async () => {
    const all = await list(organiser.accessToken, '?limit=2');
    expect(all.statusCode).toBe(200);
    expect(all.json()).toMatchObject({ total: 5, next: 'A-102' });
    expect(numbers(all.json())).toEqual(['A-101', 'A-102']);
    expect(all.json().buildings).toEqual([
      { building: '1栋', stair: '1单元' },
      { building: '1栋', stair: '2单元' },
      { building: '2栋', stair: null },
    ]);
    const second = await list(organiser.accessToken, '?limit=2&after=A-102');
    expect(numbers(second.json())).toEqual(['A-201', 'B-101']);

    const building = await list(organiser.accessToken, `?building=${encodeURIComponent('1栋')}&stair=${encodeURIComponent('2单元')}`);
    expect(building.json().total).toBe(1);
    expect(numbers(building.json())).toEqual(['A-201']);
    // A room prefix; LIKE's own characters are taken literally ("1_" is not "1 and any character").
    expect(numbers((await list(organiser.accessToken, '?room=10')).json())).toEqual(['A-101', 'A-102', 'B-101']);
    expect(numbers((await list(organiser.accessToken, '?room=1_')).json())).toEqual(['B-1_1']);
    // Owner 1 is verified: their unit drops out of "unverified".
    const unverified = (await list(organiser.accessToken, '?unverified=true')).json();
    expect(numbers(unverified)).toEqual(['A-102', 'A-201', 'B-101', 'B-1_1']);
    expect(unverified.total).toBe(4);
    const owner1 = (await list(organiser.accessToken, '?room=101&building=' + encodeURIComponent('1栋'))).json().items[0].owners[0];
    expect(owner1).toMatchObject({ verified: true, assurance: 'registry_factor', representative: false, name: '业**', idTail: null });
  });

  it('flags the representative, and tells the caller what they may do there', async () => {
    const before = (await list(organiser.accessToken, '?room=201')).json();
    const unit = before.items[0];
    expect(unit.owners.map((o: { representative: boolean }) => o.representative)).toEqual([false, false]);
    const chosen = unit.owners[1].id;
    const put = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${p.estateA}/units/${unit.id}/representative`,
      headers: bearer(organiser.accessToken),
      payload: { ownerId: chosen },
    });
    expect(put.statusCode).toBe(200);
    const after = (await list(organiser.accessToken, '?room=201')).json().items[0];
    expect(after.owners.find((o: { id: string }) => o.id === chosen).representative).toBe(true);
    expect(after.owners.filter((o: { representative: boolean }) => o.representative)).toHaveLength(1);

    expect(before.may).toEqual({ import: false, readIdentities: false, verifyInPerson: true, verifyOrganisations: false, designateRepresentative: true });
    expect(before.importableBy).toEqual(['admin', 'township_staff', 'client']);
    const staff = (await list(p.staffA, '?room=201')).json();
    expect(staff.may).toEqual({ import: true, readIdentities: true, verifyInPerson: true, verifyOrganisations: true, designateRepresentative: true });
    expect(staff.items[0].owners.map((o: { name: string }) => o.name).sort()).toEqual(['业主20', '业主21']);
  });

  it('answers 404 to people of other estates and townships, and to another estate’s unit', async () => {
    expect((await list(organiserB.accessToken)).statusCode).toBe(404);
    expect((await list(p.staffB)).statusCode).toBe(404);
    const unit = (await list(organiser.accessToken, '?room=201')).json().items[0];
    const foreign = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${p.estateB}/units/${unit.id}/representative`,
      headers: bearer(organiserB.accessToken),
      payload: { ownerId: unit.owners[0].id },
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('refuses a bad filter with a problem, not a 500', async () => {
    const bad = await list(organiser.accessToken, '?unverified=maybe');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

const settingsOf = (token: string, estate = p.estateA) => t.app.inject({ method: 'GET', url: `/v1/estates/${estate}/settings`, headers: bearer(token) });

describe('GET /v1/estates/{estateId}/settings', () => {
  it('gives each setting its statute and value, the floors with their words, and who may change them', async () => {
    const answer = await settingsOf(organiser.accessToken);
    expect(answer.statusCode).toBe(200);
    const body = answer.json();
    expect(body.settings).toMatchObject({ noticeDays: 15, countParking: false, nonVoters: 'excluded', coOwnerVoting: 'any' });
    expect(body.mayChange).toBe(false);
    expect(body.changeableBy).toEqual(['admin', 'township_staff']);
    const settings = body.statutes.map((s: { setting: string }) => s.setting);
    for (const key of ['noticeDays', 'windowDays', 'countParking', 'nonVoters', 'coOwnerVoting']) expect(settings).toContain(key);
    // Every key named is one the settings have: a statute cannot describe a setting that does not exist.
    for (const key of settings) expect(Object.keys(body.settings).concat('temporaryNoticeDays')).toContain(key);
    const notice = body.statutes.find((s: { setting: string }) => s.setting === 'noticeDays');
    expect(notice.statute.zh).toBe('物业管理条例 第十四条');
    expect(notice.statuteValue.zh).toContain('15日');

    expect(body.thresholds).toHaveLength(9);
    const rebuild = body.thresholds.find((m: { matter: string }) => m.matter === 'rebuild');
    // The floor is the engine's own (profiles.ts), not a copy.
    const floor = statutoryRule('civil-code-2021', 'rebuild');
    expect(rebuild).toMatchObject({ item: 7, test: 'special', floor: { quorum: floor.quorum, approval: floor.approval }, override: null });
    expect(rebuild.statute.zh).toBe('民法典 第二百七十八条');
    expect(rebuild.floorWords.zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三');
    expect(rebuild.appliedWords).toEqual(rebuild.floorWords);
  });

  it('may be changed by township staff and the admin, not by organisers and committee members', async () => {
    expect((await settingsOf(p.staffA)).json().mayChange).toBe(true);
    expect((await settingsOf(p.admin)).json().mayChange).toBe(true);
    expect((await settingsOf(p.committeeA)).json().mayChange).toBe(false);
    const refused = await t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(organiser.accessToken), payload: { noticeDays: 20 } });
    expect(refused.statusCode).toBe(403);
  });

  it('shows a stricter override in words, and refuses a looser one with the statute named', async () => {
    const stricter = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${p.estateA}/settings`,
      headers: bearer(p.staffA),
      payload: { overrides: { property_manager: { approval: { num: 2, den: 3, strict: false } } } },
    });
    expect(stricter.statusCode).toBe(200);
    const manager = (await settingsOf(organiser.accessToken)).json().thresholds.find((m: { matter: string }) => m.matter === 'property_manager');
    expect(manager.override).toEqual({ quorum: null, approval: { num: 2, den: 3, strict: false } });
    expect(manager.appliedWords.zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到三分之二');
    expect(manager.floorWords.zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要过半数');

    const looser = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${p.estateA}/settings`,
      headers: bearer(p.staffA),
      payload: { overrides: { rebuild: { approval: { num: 2, den: 3, strict: false } } } },
    });
    expect(looser.statusCode).toBe(400);
    expect(looser.json().detail).toContain('looser than the statutory floor');
    expect(looser.json().detail).toContain('民法典 第二百七十八条');
    // Nothing changed: the stricter override stands.
    expect((await settingsOf(organiser.accessToken)).json().settings.overrides).toEqual({ property_manager: { approval: { num: 2, den: 3, strict: false } } });
  });

  it('answers 404 to people of other estates and townships', async () => {
    expect((await settingsOf(organiserB.accessToken)).statusCode).toBe(404);
    expect((await settingsOf(p.staffB)).statusCode).toBe(404);
    expect((await settingsOf(organiser.accessToken, p.estateB)).statusCode).toBe(404);
  });
});
