import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, buildApp } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { ephemeralKeys } from '../../src/identity/keys.ts';
import { type CsvUnit, registryCsv, residentId } from '../helpers/identity.ts';
import { sessionToken } from '../helpers/sessions.ts';

let database: Database;
let app: App;
let headers: { authorization: string };
beforeAll(async () => {
  database = await openDatabase({ url: undefined, embeddedDir: 'memory://' });
  app = await buildApp({
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: mkdtempSync(path.join(tmpdir(), 'gongjue-embedded-import-')) }),
    database,
    keys: ephemeralKeys(),
    migrate: true,
    runJobs: false,
  });
  headers = { authorization: `Bearer ${(await sessionToken(app, database.db, [{ role: 'admin' }])).token}` };
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function importCsv(estateId: string, units: CsvUnit[]) {
  const preview = await app.inject({
    method: 'POST',
    url: `/v1/estates/${estateId}/registry-imports`,
    headers: { ...headers, 'content-type': 'text/csv' },
    payload: registryCsv(units),
  });
  expect(preview.statusCode).toBe(201);
  const applied = await app.inject({ method: 'POST', url: `/v1/estates/${estateId}/registry-imports/${preview.json().id}/apply`, headers });
  expect(applied.statusCode).toBe(200);
  return applied.json();
}

describe('registry import on the embedded database (COPY from a blob)', () => {
  it('imports, then re-imports with a sale, a removal and a new unit', async () => {
    const township = (await app.inject({ method: 'POST', url: '/v1/townships', headers, payload: { code: '110101009', name: '东四街道' } })).json();
    const estate = (await app.inject({ method: 'POST', url: `/v1/townships/${township.id}/estates`, headers, payload: { name: '嵌入苑' } })).json();
    const a = { name: '甲', id: residentId('19700101', 1), phone: '13700000001' };
    const b = { name: '乙', id: residentId('19700101', 2) };
    const c = { name: '丙', id: residentId('19700101', 3) };
    const first: CsvUnit[] = [
      { registryNo: 'E-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [a, b] },
      { registryNo: 'E-2', building: '1栋', stair: '1单元', room: '102', area: '90.00', owners: [b] },
      { registryNo: 'E-3', building: '车库', room: 'P1', area: '12.50', kind: 'parking', owners: [a] },
    ];
    expect((await importCsv(estate.id, first)).counts).toMatchObject({ added: 3 });
    const second: CsvUnit[] = [first[0]!, { ...first[1]!, owners: [c] }, { registryNo: 'E-4', building: '2栋', room: '201', area: '75.5', owners: [c] }];
    expect((await importCsv(estate.id, second)).counts).toEqual({ added: 1, removed: 1, changed: 0, transfers: 1, ownerUpdates: 0, unchanged: 1 });

    const units = await app.inject({ url: `/v1/estates/${estate.id}/units?limit=100`, headers });
    const held = Object.fromEntries(
      units.json().items.map((u: { registryNo: string; area: string; owners: { name: string }[] }) => [u.registryNo, [u.area, ...u.owners.map((o) => o.name).sort()]]),
    );
    expect(held).toEqual({ 'E-1': ['90.00', '乙', '甲'], 'E-2': ['90.00', '丙'], 'E-4': ['75.50', '丙'] });
  });
});
