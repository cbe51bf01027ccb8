import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estateChain, firstBreak, readChain } from '../../src/audit/audit-log.ts';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsvUnit, registryCsv, uscc, withWrongCheck } from '../helpers/identity.ts';
import { twoTownships } from '../factories/places.ts';
import { li, wang, zhang, zhao } from '../factories/cast.ts';

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
beforeAll(async () => {
  t = await createTestApp();
  p = await twoTownships(t);
});
afterAll(async () => t?.close());

const developer = { name: '阳光地产有限公司', id: uscc('91350100M00010001'), idType: 'uscc' };

const baseUnits: CsvUnit[] = [
  { registryNo: 'R-0101', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
  { registryNo: 'R-0102', building: '1栋', stair: '1单元', room: '102', area: '90.00', owners: [zhang] },
  { registryNo: 'R-0201', building: '1栋', stair: '2单元', room: '201', area: '60.50', owners: [zhang, li] },
  { registryNo: 'R-0301', building: '2栋', room: '301', area: '120.25', owners: [wang] },
  { registryNo: 'P-001', building: '车库', room: 'P1', area: '12.00', kind: 'parking', owners: [wang] },
  { registryNo: 'S-001', building: '2栋', room: '商铺1', area: '45.00', kind: 'commercial', owners: [developer], developerHeld: true },
  { registryNo: 'S-002', building: '2栋', room: '商铺2', area: '45.00', kind: 'commercial', owners: [developer], developerHeld: true },
];

const count = async (table: 'units' | 'owners' | 'registry_imports' | 'unit_owners') =>
  Number(
    (
      await t.testDatabase.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const upload = (estateId: string, csv: string, token = p.staffA) =>
  t.app.inject({
    method: 'POST',
    url: `/v1/estates/${estateId}/registry-imports`,
    headers: { ...bearer(token), 'content-type': 'text/csv' },
    payload: csv,
  });

describe('registry import', () => {
  it('a file with errors is refused with every bad row, and nothing is written', async () => {
    const bad = registryCsv([
      { registryNo: 'X-1', building: '1栋', room: '101', area: '90.123', owners: [zhang] },
      { registryNo: 'X-2', building: '1栋', room: '102', area: '80.00', kind: 'castle', owners: [li] },
      { registryNo: 'X-3', building: '1栋', room: '103', area: '80.00', owners: [{ name: '坏号码', id: withWrongCheck(wang.id) }] },
    ]);
    const before = { units: await count('units'), imports: await count('registry_imports'), owners: await count('owners') };
    const res = await upload(p.estateA, bad);
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.type).toBe('urn:gongjue:problem:invalid-file');
    const lines = body.errors.map((e: { line: number }) => e.line);
    expect(lines).toEqual(expect.arrayContaining([2, 3, 4]));
    expect(body.errors.find((e: { line: number }) => e.line === 2).message).toMatch(/decimal|two/i);
    expect(body.errors.find((e: { line: number }) => e.line === 4).message).toMatch(/check/i);
    // Each row also carries a stable code and its figures, for the console's own sentences (issue 16).
    const coded = body.errors.map((e: { line: number; field?: string; code: string; params: unknown }) => ({ line: e.line, field: e.field, code: e.code, params: e.params }));
    expect(coded).toEqual([
      { line: 2, field: 'area', code: 'area-too-precise', params: { value: '90.123' } },
      { line: 3, field: 'kind', code: 'code-unknown', params: { subject: 'unitKind', value: 'castle', expected: 'residential, commercial, parking' } },
      { line: 4, field: 'owner_id_number', code: 'id-check-character', params: { idType: 'resident_id' } },
    ]);
    expect(JSON.stringify(body)).not.toContain(wang.id.slice(0, 17));
    expect({ units: await count('units'), imports: await count('registry_imports'), owners: await count('owners') }).toEqual(before);
  });

  it('a first import previews everything as added, writes nothing until applied, then applies atomically', async () => {
    const res = await upload(p.estateA, registryCsv(baseUnits));
    expect(res.statusCode).toBe(201);
    const preview = res.json();
    expect(preview).toMatchObject({ status: 'previewed', baseVersion: 0, format: 'csv', units: 7 });
    expect(preview.counts).toEqual({ added: 7, removed: 0, changed: 0, transfers: 0, ownerUpdates: 0, unchanged: 0 });
    expect(await count('units')).toBe(0);

    const applied = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports/${preview.id}/apply`,
      headers: bearer(p.staffA),
    });
    expect(applied.statusCode).toBe(200);
    expect(applied.json().status).toBe('applied');
    expect(await count('units')).toBe(7);
    expect(await count('owners')).toBe(4);

    const estate = await t.app.inject({ url: `/v1/estates/${p.estateA}`, headers: bearer(p.staffA) });
    expect(estate.json().registryVersion).toBe(1);

    // Applying the same preview twice is refused.
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports/${preview.id}/apply`,
      headers: bearer(p.staffA),
    });
    expect(again.statusCode).toBe(409);
  });

  it('stores no identity number anywhere: only the HMAC and the last four characters', async () => {
    const db = t.testDatabase.database.db;
    const owners = await db.selectFrom('owners').select(['id_key', 'id_tail', 'name']).execute();
    expect(owners.every((o) => o.id_key.length === 32)).toBe(true);
    expect(owners.find((o) => o.name === '张三')?.id_tail).toBe(zhang.id.slice(-4));
    const everything = await sql<{ dump: string }>`
      select (select coalesce(string_agg(o::text, ''), '') from owners o)
          || (select coalesce(string_agg(i::text, ''), '') from registry_imports i)
          || (select coalesce(string_agg(a::text, ''), '') from audit_log a) as dump`.execute(db);
    for (const person of [zhang, li, wang, zhao, developer]) expect(everything.rows[0]?.dump).not.toContain(person.id);
  });

  it('a re-import shows the diff (added, removed, changed, transfers) and applies it', async () => {
    const next: CsvUnit[] = baseUnits
      .filter((u) => u.registryNo !== 'P-001') // removed
      .map((u) => (u.registryNo === 'R-0301' ? { ...u, area: '121.00' } : u)) // changed
      .map((u) => (u.registryNo === 'R-0102' ? { ...u, owners: [zhao] } : u)) // sold: 张三 → 赵六
      .map((u) => (u.registryNo === 'S-002' ? { ...u, developerHeld: false, owners: [li] } : u)); // developer sold a shop
    next.push({ registryNo: 'R-0401', building: '3栋', stair: '1单元', room: '401', area: '88.88', owners: [zhao] });

    const preview = (await upload(p.estateA, registryCsv(next))).json();
    expect(preview.baseVersion).toBe(1);
    expect(preview.counts).toEqual({ added: 1, removed: 1, changed: 2, transfers: 2, ownerUpdates: 0, unchanged: 3 });
    expect(preview.diff.added).toEqual(['R-0401']);
    expect(preview.diff.removed).toEqual(['P-001']);
    expect(preview.diff.changed).toEqual(
      expect.arrayContaining([
        { registryNo: 'R-0301', fields: ['areaHundredths'] },
        { registryNo: 'S-002', fields: ['developerHeld'] },
      ]),
    );
    const transfer = preview.diff.transfers.find((x: { registryNo: string }) => x.registryNo === 'R-0102');
    expect(transfer.from.map((o: { name: string }) => o.name)).toEqual(['张三']);
    expect(transfer.to).toEqual([{ name: '赵六', kind: 'person', idType: 'resident_id', idTail: zhao.id.slice(-4) }]);

    const applied = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports/${preview.id}/apply`,
      headers: bearer(p.staffA),
    });
    expect(applied.statusCode).toBe(200);

    const db = t.testDatabase.database.db;
    const units = await db
      .selectFrom('units')
      .select(['registry_no', 'area_hundredths', 'removed_at', 'developer_held'])
      .where('estate_id', '=', p.estateA)
      .execute();
    const byNo = new Map(units.map((u) => [u.registry_no, u]));
    expect(byNo.get('P-001')?.removed_at).toBeInstanceOf(Date);
    expect(byNo.get('R-0301')?.area_hundredths).toBe('12100');
    expect(byNo.get('S-002')?.developer_held).toBe(false);
    expect(byNo.get('R-0401')?.removed_at).toBeNull();
    const owners = await db
      .selectFrom('unit_owners')
      .innerJoin('units', 'units.id', 'unit_owners.unit_id')
      .innerJoin('owners', 'owners.id', 'unit_owners.owner_id')
      .select(['units.registry_no', 'owners.name'])
      .where('units.registry_no', 'in', ['R-0102', 'S-002'])
      .execute();
    expect(owners.sort((a, b) => a.registry_no.localeCompare(b.registry_no))).toEqual([
      { registry_no: 'R-0102', name: '赵六' },
      { registry_no: 'S-002', name: '李四' },
    ]);
  });

  it('every import is in the estate audit chain, and the chain is whole', async () => {
    const chain = await readChain(t.testDatabase.database.db, estateChain(p.estateA));
    expect(chain.filter((r) => r.action === 'registry.import.applied')).toHaveLength(2);
    expect(firstBreak(chain)).toBeNull();
    await expect(sql`update audit_log set actor = 'someone else'`.execute(t.testDatabase.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(t.testDatabase.database.db)).rejects.toThrow(/append-only/);
  });

  it('only the newest preview may be applied, and only onto the registry it was computed from', async () => {
    const first = (await upload(p.estateA, registryCsv(baseUnits))).json();
    const second = (await upload(p.estateA, registryCsv(baseUnits))).json();
    const applyFirst = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/registry-imports/${first.id}/apply`,
      headers: bearer(p.staffA),
    });
    expect(applyFirst.statusCode).toBe(409);
    expect(applyFirst.json().detail).toMatch(/superseded/);
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/v1/estates/${p.estateA}/registry-imports/${second.id}/apply`,
          headers: bearer(p.staffA),
        })
      ).statusCode,
    ).toBe(200);
  });

  it('imports the JSON form too', async () => {
    const estateId = await p.estate(p.townshipA, 'JSON苑');
    const body = {
      format: 'gongjue.registry',
      version: 1,
      units: [
        {
          registryNo: 'J-1',
          building: '1栋',
          room: '101',
          area: '100.00',
          areaSource: 'registry',
          kind: 'residential',
          owners: [{ name: '张三', idType: 'resident_id', idNumber: zhang.id }],
        },
      ],
    };
    const preview = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${estateId}/registry-imports`,
      headers: bearer(p.staffA),
      payload: body,
    });
    expect(preview.statusCode).toBe(201);
    expect(preview.json()).toMatchObject({ format: 'json', counts: { added: 1 } });
  });

  it('lists units with masked owners for the committee and full ones for township staff', async () => {
    const committee = await t.app.inject({ url: `/v1/estates/${p.estateA}/units?limit=2`, headers: bearer(p.committeeA) });
    expect(committee.statusCode).toBe(200);
    const page = committee.json();
    expect(page.items).toHaveLength(2);
    expect(page.next).toBe(page.items[1].registryNo);
    const names = page.items.flatMap((u: { owners: { name: string }[] }) => u.owners.map((o) => o.name));
    expect(names.every((n: string) => n.endsWith('*'))).toBe(true);

    const staff = await t.app.inject({ url: `/v1/estates/${p.estateA}/units?limit=1000`, headers: bearer(p.staffA) });
    const all = staff.json().items;
    const shared = all.find((u: { registryNo: string }) => u.registryNo === 'R-0201');
    expect(shared.owners.map((o: { name: string }) => o.name).sort()).toEqual(['张三', '李四'].sort());
    expect(shared.area).toBe('60.50');
  });
});

/** Who may import is decided before the body is read: a refused caller costs no upload and no parsing. */
describe('registry import: permission before the body', () => {
  it('refuses an outsider (404) and the committee of the estate (403) before reading a body that is not even JSON', async () => {
    const committee = p.committeeA; // sees the estate, may not import
    for (const [token, status] of [
      [p.staffB, 404],
      [committee, 403],
    ] as const) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/v1/estates/${p.estateA}/registry-imports`,
        headers: { ...bearer(token), 'content-type': 'application/json' },
        payload: '{"units": [ this is not JSON',
      });
      expect(res.statusCode, res.body).toBe(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const bad = await t.app.inject({ method: 'POST', url: '/v1/estates/not-an-id/registry-imports', headers: { ...bearer(p.staffA), 'content-type': 'text/csv' }, payload: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ path: 'params.estateId', message: 'expected an estate id (UUID)' }]);
  });

  it('answers a refused 64 MiB upload as soon as its headers arrive, without waiting for the body', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const address = t.app.server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const { connect } = await import('node:net');
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      const timer = setTimeout(() => {
        socket.destroy();
        resolve(text || 'no answer while the body was withheld');
      }, 3000);
      socket.on('data', (chunk) => {
        text += chunk.toString('utf8');
        if (text.includes('\r\n\r\n')) {
          clearTimeout(timer);
          socket.destroy();
          resolve(text);
        }
      });
      socket.on('error', reject);
      // Headers only: the 64 MiB promised are never sent.
      socket.write(
        `POST /v1/estates/${p.estateA}/registry-imports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${p.staffB}\r\nContent-Type: text/csv\r\nContent-Length: ${64 * 1024 * 1024 - 1}\r\n\r\n`,
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
  });
});
