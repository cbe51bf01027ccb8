import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { firstBreak, readChain } from '../../src/audit/audit-log.ts';
import { manualClock } from '../../src/clock.ts';
import { createMigrator, migrateToLatest } from '../../src/db/migrator.ts';
import { createTestDatabase } from '../helpers/database.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import { registryCsv, residentId, uscc } from '../helpers/identity.ts';
import { clientToken } from '../helpers/sessions.ts';
import { importRegistry } from '../helpers/places.ts';
import { twoTownships } from '../factories/places.ts';
import { li, zhang } from '../factories/cast.ts';

const clock = manualClock(new Date('2026-11-22T08:00:00Z'));
let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;

const wang = { name: '王 五', id: residentId('19820303', 33) };
const developer = { name: '阳光地产有限公司', id: uscc('91350100M00010001'), idType: 'uscc' };
// In estate B: a shop company, a developer recorded as a person, and an owner whose number is guessed at.
const shop = { name: '翠湖商贸有限公司', id: uscc('91350100M00020002'), idType: 'uscc' };
const personDeveloper = { name: '赵开发', id: residentId('19600101', 44) };
const qian = { name: '钱七', id: residentId('19830404', 55) };

beforeAll(async () => {
  // A lower per-address limit than the default (50), to keep its test short.
  t = await createTestApp({ clock, env: { VERIFICATION_FAILURES_PER_ADDRESS: '30' } });
  p = await twoTownships(t);
  await importRegistry(
    t,
    p.staffA,
    p.estateA,
    registryCsv([
      { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
      { registryNo: 'R-2', building: '1栋', stair: '1单元', room: '102', area: '60.00', owners: [zhang] },
      { registryNo: 'R-3', building: '1栋', stair: '2单元', room: '201', area: '75.50', owners: [zhang, li] },
      { registryNo: 'P-1', building: '车库', room: 'P1', area: '12.00', kind: 'parking', owners: [zhang] },
      { registryNo: 'R-4', building: '2栋', room: '301', area: '100.00', owners: [wang] },
      { registryNo: 'S-1', building: '2栋', room: '商1', area: '40.00', kind: 'commercial', developerHeld: true, owners: [developer] },
      { registryNo: 'S-2', building: '2栋', room: '商2', area: '40.00', kind: 'commercial', developerHeld: true, owners: [developer] },
    ]),
  );
  // 张三 also owns a flat in another township's estate.
  await importRegistry(
    t,
    p.staffB,
    p.estateB,
    registryCsv([
      { registryNo: 'B-1', building: 'A座', room: '1801', area: '130.00', owners: [zhang] },
      { registryNo: 'B-2', building: 'A座', room: '1802', area: '90.00', owners: [qian] },
      { registryNo: 'B-S1', building: 'A座', room: '商1', area: '60.00', kind: 'commercial', owners: [shop] },
      { registryNo: 'B-S2', building: 'A座', room: '商2', area: '60.00', kind: 'commercial', developerHeld: true, owners: [personDeveloper] },
    ]),
  );
});
afterAll(async () => t?.close());

const verify = (token: string, body: object) =>
  t.app.inject({ method: 'POST', url: '/v1/me/verification', headers: bearer(token), payload: body });

describe('verifying oneself as a registry owner', () => {
  it('binds the account to the owner in every estate, and the owner sees units, heads and weight', async () => {
    const session = await logIn(t, '13600000001');
    const res = await verify(session.accessToken, { name: '张三', idType: 'resident_id', idNumber: zhang.id.toLowerCase() });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.verifiedOwners.map((o: { estateId: string }) => o.estateId).sort()).toEqual([p.estateA, p.estateB].sort());

    const holdings = await t.app.inject({ url: `/v1/me/estates/${p.estateA}/holdings`, headers: bearer(body.accessToken) });
    expect(holdings.statusCode).toBe(200);
    const h = holdings.json();
    expect(h.units.map((u: { registryNo: string }) => u.registryNo).sort()).toEqual(['P-1', 'R-1', 'R-2', 'R-3']);
    expect(h.units.find((u: { registryNo: string }) => u.registryNo === 'P-1').counted).toBe(false); // countParking: false
    // R1.2: 张三 alone (R-1, R-2) is one head; 张三 with 李四 (R-3) is another.
    expect(h.voters.map((v: { area: string; units: string[] }) => [v.area, v.units.length]).sort()).toEqual([
      ['150.00', 2],
      ['75.50', 1],
    ]);
    const shared = h.voters.find((v: { area: string }) => v.area === '75.50');
    expect(shared.owners.filter((o: { you: boolean }) => o.you)).toHaveLength(1);
    expect(shared.owners).toHaveLength(2);
    // Estate: 张三, 张三+李四, 王五, the developer = 4 heads; 90+60+75.5+100+40+40 = 405.50 m².
    expect(h.estateTotal).toEqual({ area: '405.50', heads: 4 });

    // A token from before the verification has no owner grant (nor any other way to see the estate: 404); a refreshed one has.
    const stale = await t.app.inject({ url: `/v1/me/estates/${p.estateA}/holdings`, headers: bearer(session.accessToken) });
    expect(stale.statusCode).toBe(404);
    const refreshed = await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: session.refreshToken } });
    const me = await t.app.inject({ url: '/v1/me', headers: bearer(refreshed.json().accessToken) });
    expect(me.json().grants.filter((g: { role: string }) => g.role === 'owner')).toHaveLength(2);
  });

  it('a mismatch is one plain refusal, whichever field was wrong', async () => {
    clock.advance(60 * 60_000);
    const session = await logIn(t, '13600000002');
    const wrongName = await verify(session.accessToken, { name: '李三', idType: 'resident_id', idNumber: li.id });
    const wrongNumber = await verify(session.accessToken, { name: '李四', idType: 'resident_id', idNumber: residentId('19810202', 23) });
    const malformed = await verify(session.accessToken, { name: '李四', idType: 'resident_id', idNumber: '123' });
    for (const res of [wrongName, wrongNumber, malformed]) {
      expect(res.statusCode).toBe(422);
      expect(res.json().type).toBe('urn:gongjue:problem:not-verified');
    }
    const strip = (r: typeof wrongName) => ({ ...r.json(), requestId: undefined });
    expect(strip(wrongName)).toEqual(strip(wrongNumber));
    expect(strip(wrongName)).toEqual(strip(malformed));
    const bindings = await t.testDatabase.database.db.selectFrom('owner_bindings').select('id').where('account_id', '=', session.accountId).execute();
    expect(bindings).toHaveLength(0);
  });

  it('names compare with spaces collapsed; five failures lock verification for 15 minutes', async () => {
    clock.advance(60 * 60_000);
    const session = await logIn(t, '13600000003');
    for (let i = 0; i < 5; i++) expect((await verify(session.accessToken, { name: '王五', idNumber: wang.id })).statusCode).toBe(422);
    const locked = await verify(session.accessToken, { name: '王 五', idNumber: wang.id });
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    clock.advance(15 * 60_000 + 1000);
    const ok = await verify(session.accessToken, { name: '  王   五 ', idNumber: wang.id });
    expect(ok.statusCode).toBe(200);
  });

  it('an owner already bound to another account is refused with advice, binding nothing', async () => {
    clock.advance(60 * 60_000);
    const other = await logIn(t, '13600000004');
    const res = await verify(other.accessToken, { name: '张三', idNumber: zhang.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().detail).toMatch(/in person/);
  });

  it('an API client has no account to verify', async () => {
    const client = await t.tokenFor();
    const { token: clientAccess } = await clientToken(t.app, t.testDatabase.database.db, { access: 'read', townshipIds: [p.townshipA], estateIds: [] });
    expect((await verify(clientAccess, { name: '张三', idNumber: zhang.id })).statusCode).toBe(403);
    expect(client).toBeTruthy();
  });
});

describe('verification in person', () => {
  it('a committee member binds the owner to a phone, recording who did it and the document seen; the old binding ends', async () => {
    const units = await t.app.inject({ url: `/v1/estates/${p.estateA}/units?limit=1000`, headers: bearer(p.staffA) });
    const zhangId = units.json().items.find((u: { registryNo: string }) => u.registryNo === 'R-1').owners[0].id;
    const committee = await logIn(t, '13600000010');
    await t.app.inject({ method: 'POST', url: `/v1/estates/${p.estateA}/roles`, headers: bearer(p.staffA), payload: { phone: '13600000010', role: 'committee' } });
    const refreshed = (await t.app.inject({ method: 'POST', url: '/v1/auth/refresh', payload: { refreshToken: committee.refreshToken } })).json();

    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/owners/${zhangId}/in-person-verification`,
      headers: bearer(refreshed.accessToken),
      payload: { phone: '13600000011', documentType: 'resident_id', documentNote: '身份证原件与不动产权证书' },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().replacedAccountId).not.toBeNull();

    const db = t.testDatabase.database.db;
    const live = await db
      .selectFrom('owner_bindings')
      .select(['method', 'verified_by', 'document_type', 'document_note'])
      .where('owner_id', '=', zhangId)
      .where('revoked_at', 'is', null)
      .execute();
    expect(live).toEqual([
      { method: 'in_person', verified_by: refreshed.accountId, document_type: 'resident_id', document_note: '身份证原件与不动产权证书' },
    ]);
    // The new owner account sees the holdings after logging in.
    const owner = await logIn(t, '13600000011');
    expect((await t.app.inject({ url: `/v1/me/estates/${p.estateA}/holdings`, headers: bearer(owner.accessToken) })).statusCode).toBe(200);
  });

  it('an owner of another estate cannot be verified through this one', async () => {
    const units = await t.app.inject({ url: `/v1/estates/${p.estateB}/units`, headers: bearer(p.staffB) });
    const ownerB = units.json().items[0].owners[0].id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/owners/${ownerB}/in-person-verification`,
      headers: bearer(p.staffA),
      payload: { phone: '13600000012', documentType: 'resident_id' },
    });
    expect(res.statusCode).toBe(404);
  });
});

const ownerIdOf = async (estateId: string, staff: string, registryNo: string): Promise<string> => {
  const units = await t.app.inject({ url: `/v1/estates/${estateId}/units?limit=1000`, headers: bearer(staff) });
  return units.json().items.find((u: { registryNo: string }) => u.registryNo === registryNo).owners[0].id;
};

describe('organisations and the developer are verified only in person', () => {
  it('an organisation’s public name and credit code bind nothing: 403 in-person-required (a shop company, the developer)', async () => {
    clock.advance(60 * 60_000);
    const stranger = await logIn(t, '13600000020');
    for (const org of [shop, developer]) {
      const res = await verify(stranger.accessToken, { name: org.name, idType: 'uscc', idNumber: org.id });
      expect(res.statusCode).toBe(403);
      expect(res.json().type).toBe('urn:gongjue:problem:in-person-required');
    }
    // The developer's head, even when the registry records the developer as a person.
    const dev = await verify(stranger.accessToken, { name: personDeveloper.name, idType: 'resident_id', idNumber: personDeveloper.id });
    expect(dev.statusCode).toBe(403);
    expect(dev.json().type).toBe('urn:gongjue:problem:in-person-required');
    const db = t.testDatabase.database.db;
    expect(await db.selectFrom('owner_bindings').select('id').where('account_id', '=', stranger.accountId).execute()).toEqual([]);
  });

  it('in person, an organisation needs the licence (its credit code the registry’s) and the representative’s document, kept only as an HMAC', async () => {
    const shopId = await ownerIdOf(p.estateB, p.staffB, 'B-S1');
    const url = `/v1/estates/${p.estateB}/owners/${shopId}/in-person-verification`;
    const manager = { name: '孙经理', capacity: 'authorised_agent', idType: 'resident_id', idNumber: residentId('19750505', 66) };
    const post = (payload: object) => t.app.inject({ method: 'POST', url, headers: bearer(p.staffB), payload });

    const bare = await post({ phone: '13600000021', documentType: 'uscc' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors[0].path).toBe('body.organisation');
    const otherLicence = await post({
      phone: '13600000021',
      documentType: 'uscc',
      organisation: { licenceCreditCode: developer.id, representative: manager },
    });
    expect(otherLicence.statusCode).toBe(422);
    const noted = await post({ phone: '13600000021', documentType: 'uscc', documentNote: `经办人身份证 ${manager.idNumber}` });
    expect(noted.statusCode).toBe(400);
    const db = t.testDatabase.database.db;
    expect(await db.selectFrom('owner_bindings').select('id').where('owner_id', '=', shopId).execute()).toEqual([]);

    const ok = await post({
      phone: '13600000021',
      documentType: 'uscc',
      documentNote: '营业执照原件、授权委托书',
      organisation: { licenceCreditCode: shop.id.toLowerCase(), representative: manager },
    });
    expect(ok.statusCode).toBe(201);
    const binding = await db.selectFrom('owner_bindings').selectAll().where('owner_id', '=', shopId).where('revoked_at', 'is', null).executeTakeFirstOrThrow();
    expect(binding).toMatchObject({
      method: 'in_person',
      representative_name: '孙经理',
      representative_capacity: 'authorised_agent',
      representative_id_type: 'resident_id',
      representative_id_tail: manager.idNumber.slice(-4),
    });
    expect(binding.representative_id_key).toHaveLength(32);
    expect(binding.licence_key).toHaveLength(32);
    // No identity number in the clear, neither in the binding nor in the audit chain.
    const audit = await db.selectFrom('audit_log').select('data').where('subject', '=', `owner:${shopId}`).execute();
    for (const text of [JSON.stringify(binding), JSON.stringify(audit)]) {
      expect(text).not.toContain(manager.idNumber);
      expect(text).not.toContain(shop.id);
    }
    expect(audit.at(-1)?.data).toMatchObject({ method: 'in_person', representative: { capacity: 'authorised_agent', idTail: manager.idNumber.slice(-4) } });
  });

  it('only township staff verify an organisation or the developer in person, not the committee', async () => {
    const devId = await ownerIdOf(p.estateA, p.staffA, 'S-1');
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/owners/${devId}/in-person-verification`,
      headers: bearer(await t.tokenFor({ role: 'committee', estateId: p.estateA })),
      payload: {
        phone: '13600000024',
        documentType: 'uscc',
        organisation: { licenceCreditCode: developer.id, representative: { name: '周法人', capacity: 'legal_representative', idType: 'resident_id', idNumber: residentId('19650606', 77) } },
      },
    });
    expect(res.statusCode).toBe(403);
    expect(await t.testDatabase.database.db.selectFrom('owner_bindings').select('id').where('owner_id', '=', devId).execute()).toEqual([]);
  });

  it('the developer recorded as a person is bound in person like an organisation; a person owner takes no organisation block', async () => {
    const devId = await ownerIdOf(p.estateB, p.staffB, 'B-S2');
    const legal = { name: '赵开发', capacity: 'legal_representative', idType: 'resident_id', idNumber: personDeveloper.id };
    const res = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateB}/owners/${devId}/in-person-verification`,
      headers: bearer(p.staffB),
      payload: { phone: '13600000022', documentType: 'uscc', organisation: { licenceCreditCode: uscc('91350100M00030003'), representative: legal } },
    });
    expect(res.statusCode).toBe(201);
    const qianId = await ownerIdOf(p.estateB, p.staffB, 'B-2');
    const person = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateB}/owners/${qianId}/in-person-verification`,
      headers: bearer(p.staffB),
      payload: { phone: '13600000023', documentType: 'resident_id', organisation: { licenceCreditCode: shop.id, representative: legal } },
    });
    expect(person.statusCode).toBe(400);
    expect(person.json().errors[0].path).toBe('body.organisation');
  });
});

describe('guessing an owner’s identity number across accounts and addresses', () => {
  it('failures naming one owner are counted across accounts: the owner locks, the committee is told, the right number is refused until the lock ends', async () => {
    clock.advance(2 * 60 * 60_000);
    const wrong = (k: number) => residentId('19830404', 100 + k);
    const attackers: Awaited<ReturnType<typeof logIn>>[] = [];
    for (let k = 1; k <= 4; k++) attackers.push(await logIn(t, `1370000000${k}`, `198.51.100.${k}`));
    const attempt = (k: number, idNumber: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/me/verification',
        headers: bearer(attackers[k - 1]!.accessToken),
        payload: { name: qian.name, idNumber },
        remoteAddress: `198.51.100.${k}`,
      });
    // Two accounts, five wrong numbers each (the per-account limit), from two addresses: ten failures.
    for (const k of [1, 2]) for (let i = 0; i < 5; i++) expect((await attempt(k, wrong(k * 10 + i))).statusCode).toBe(422);
    const third = await attempt(3, wrong(99));
    expect(third.statusCode).toBe(429);
    expect(third.json().detail).toMatch(/in person/);
    // A fourth account with the right number is refused too: the lock is the owner's.
    const fourth = await attempt(4, qian.id);
    expect(fourth.statusCode).toBe(429);
    expect(Number(fourth.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    const db = t.testDatabase.database.db;
    const qianId = await ownerIdOf(p.estateB, p.staffB, 'B-2');
    expect(await db.selectFrom('owner_bindings').select('account_id').where('owner_id', '=', qianId).execute()).toEqual([]);

    const told = await db.selectFrom('notifications').selectAll().where('topic', '=', 'owner.verification_locked').execute();
    expect(told).toEqual([expect.objectContaining({ estate_id: p.estateB, recipient: 'committee', owner_id: qianId, subject_id: qianId })]);
    expect(told[0]!.body).toMatch(/钱\*.*10 次.*2 个账号、2 个网络地址/);
    const audit = await db.selectFrom('audit_log').select(['actor', 'data']).where('action', '=', 'owner.verification_locked').execute();
    expect(audit).toEqual([{ actor: 'system', data: { failures: 10, windowHours: 24, accounts: 2, addresses: 2 } }]);

    clock.advance(24 * 60 * 60_000);
    expect((await attempt(4, qian.id)).statusCode).toBe(200);
  });

  it('failures from one address are limited whichever accounts and names', async () => {
    clock.advance(2 * 60 * 60_000);
    const ip = '192.0.2.77';
    const answers: number[] = [];
    for (let k = 0; k < 8; k++) {
      const session = await logIn(t, `1350000000${k}`, ip);
      for (let i = 0; i < 4; i++) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/v1/me/verification',
          headers: bearer(session.accessToken),
          payload: { name: `路人${k}${i}`, idNumber: residentId('19900101', k * 10 + i) },
          remoteAddress: ip,
        });
        answers.push(res.statusCode);
      }
    }
    expect(answers.slice(0, 30).every((s) => s === 422)).toBe(true);
    expect(answers.slice(30)).toEqual([429, 429]);
  });
});

describe('upgrading an installation', () => {
  it('self-bindings of organisations and the developer made before the fix are revoked, each in the audit chain', async () => {
    const target = await createTestDatabase({ empty: true });
    try {
      const db = target.database.db;
      expect((await createMigrator(db).migrateTo('0009_paper_signatory')).error).toBeUndefined();
      const one = async <T,>(q: ReturnType<typeof sql<T>>) => (await q.execute(db)).rows[0]!;
      const township = await one(sql<{ id: string }>`insert into townships (code, name) values ('350881999', '街道') returning id`);
      const estate = await one(sql<{ id: string }>`insert into estates (township_id, name) values (${township.id}, '小区') returning id`);
      const building = await one(sql<{ id: string }>`insert into buildings (estate_id, name) values (${estate.id}, '1栋') returning id`);
      const owner = async (kind: string, name: string, developerHeld: boolean, n: number) => {
        const o = await one(sql<{ id: string }>`insert into owners (estate_id, kind, name, id_type, id_key, id_tail)
          values (${estate.id}, ${kind}, ${name}, 'resident_id', ${Buffer.alloc(32, n)}, ${`000${n}`}) returning id`);
        const u = await one(sql<{ id: string }>`insert into units (estate_id, registry_no, building_id, room, area_hundredths, area_source, kind, developer_held)
          values (${estate.id}, ${`R-${n}`}, ${building.id}, ${String(n)}, 8000, 'registry', 'residential', ${developerHeld}) returning id`);
        await sql`insert into unit_owners (unit_id, owner_id) values (${u.id}, ${o.id})`.execute(db);
        const a = await one(sql<{ id: string }>`insert into accounts (phone) values (${`1390000000${n}`}) returning id`);
        await sql`insert into owner_bindings (account_id, owner_id, method) values (${a.id}, ${o.id}, 'self')`.execute(db);
        return o.id;
      };
      const company = await owner('organisation', '某某公司', false, 1);
      const developerPerson = await owner('person', '开发商', true, 2);
      const person = await owner('person', '张三', false, 3);

      await migrateToLatest(db);
      const live = await sql<{ owner_id: string }>`select owner_id from owner_bindings where revoked_at is null`.execute(db);
      expect(live.rows.map((r) => r.owner_id)).toEqual([person]);
      const chain = await readChain(db, `estate:${estate.id}`);
      expect(chain.map((r) => [r.action, r.subject]).sort()).toEqual(
        [['owner.binding_revoked', `owner:${company}`], ['owner.binding_revoked', `owner:${developerPerson}`]].sort(),
      );
      expect(firstBreak(chain)).toBeNull();
    } finally {
      await target.drop();
    }
  });
});
