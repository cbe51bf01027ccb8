import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTestApp, type TestApp } from '../helpers/app.ts';
import { type CsvUnit, registryCsv, residentId } from '../helpers/identity.ts';
import { importRegistry } from '../helpers/places.ts';
import { twoTownships } from '../factories/places.ts';

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;
beforeAll(async () => {
  t = await createTestApp();
  p = await twoTownships(t);
});
afterAll(async () => t?.close());

const person = (n: number, name: string, phone?: string) => ({ name, id: residentId('19900101', n), ...(phone ? { phone } : {}) });
const chen = person(1, '陈一', '13800000001');
const lin = person(2, '林二');
const huang = person(3, '黄三');
const zhou = person(4, '周四');

const db = () => t.testDatabase.database.db;

/** Registry number → sorted owner names, for the estate's current units. */
async function holdings(estateId: string) {
  const rows = await db()
    .selectFrom('units')
    .leftJoin('unit_owners', 'unit_owners.unit_id', 'units.id')
    .leftJoin('owners', 'owners.id', 'unit_owners.owner_id')
    .select(['units.registry_no', 'owners.name'])
    .where('units.estate_id', '=', estateId)
    .where('units.removed_at', 'is', null)
    .execute();
  const map: Record<string, string[]> = {};
  for (const r of rows) (map[r.registry_no] ??= []).push(r.name ?? '-');
  for (const list of Object.values(map)) list.sort();
  return map;
}

describe('registry re-imports', () => {
  it('apply the preview’s diff exactly: owners return, details follow the file, co-owners’ representative stays where nothing changed', async () => {
    const estateId = await p.estate(p.townshipA, '重导苑');
    const first: CsvUnit[] = [
      { registryNo: 'A-1', building: '1栋', stair: '1单元', room: '101', area: '80.00', owners: [chen, lin] },
      { registryNo: 'A-2', building: '1栋', stair: '1单元', room: '102', area: '80.00', owners: [huang] },
      { registryNo: 'A-3', building: '1栋', stair: '2单元', room: '201', area: '70.00', owners: [zhou] },
    ];
    await importRegistry(t, p.staffA, estateId, registryCsv(first));
    const a1 = await db().selectFrom('units').select('id').where('estate_id', '=', estateId).where('registry_no', '=', 'A-1').executeTakeFirstOrThrow();
    const chenRow = await db().selectFrom('owners').select(['id']).where('estate_id', '=', estateId).where('name', '=', '陈一').executeTakeFirstOrThrow();
    const designated = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${estateId}/units/${a1.id}/representative`,
      headers: bearer(p.staffA),
      payload: { ownerId: chenRow.id },
    });
    expect(designated.statusCode).toBe(200);

    // 周四 sells A-3 to 黄三 and leaves the registry; A-2 moves to a new building; 陈一's phone changes.
    const second: CsvUnit[] = [
      { registryNo: 'A-1', building: '1栋', stair: '1单元', room: '101', area: '80.00', owners: [{ ...chen, phone: '13900000009' }, lin] },
      { registryNo: 'A-2', building: '9栋', stair: '3单元', room: '902', area: '80.00', owners: [huang] },
      { registryNo: 'A-3', building: '1栋', stair: '2单元', room: '201', area: '70.00', owners: [huang] },
    ];
    const applied = await importRegistry(t, p.staffA, estateId, registryCsv(second));
    expect(applied.counts).toEqual({ added: 0, removed: 0, changed: 1, transfers: 1, ownerUpdates: 1, unchanged: 1 });
    expect(await holdings(estateId)).toEqual({ 'A-1': ['林二', '陈一'], 'A-2': ['黄三'], 'A-3': ['黄三'] });
    const chenNow = await db().selectFrom('owners').select(['id', 'phone']).where('id', '=', chenRow.id).executeTakeFirstOrThrow();
    expect(chenNow.phone).toBe('13900000009');
    const representative = await db().selectFrom('unit_owners').select('owner_id').where('unit_id', '=', a1.id).where('representative', '=', true).execute();
    expect(representative).toEqual([{ owner_id: chenRow.id }]);
    const a2 = await db()
      .selectFrom('units')
      .innerJoin('buildings', 'buildings.id', 'units.building_id')
      .innerJoin('stairs', 'stairs.id', 'units.stair_id')
      .select(['buildings.name as building', 'stairs.name as stair', 'units.room'])
      .where('units.estate_id', '=', estateId)
      .where('units.registry_no', '=', 'A-2')
      .executeTakeFirstOrThrow();
    expect(a2).toEqual({ building: '9栋', stair: '3单元', room: '902' });

    // 周四 comes back (buys A-4) under the same owner row, with a new name spelling; A-2 leaves.
    const third: CsvUnit[] = [
      second[0]!,
      second[2]!,
      { registryNo: 'A-4', building: '9栋', stair: '3单元', room: '903', area: '60.00', owners: [{ ...zhou, name: '周 四' }] },
    ];
    const zhouBefore = await db().selectFrom('owners').select('id').where('estate_id', '=', estateId).where('name', '=', '周四').executeTakeFirstOrThrow();
    const again = await importRegistry(t, p.staffA, estateId, registryCsv(third));
    expect(again.counts).toMatchObject({ added: 1, removed: 1, changed: 0, transfers: 0 });
    expect(await holdings(estateId)).toEqual({ 'A-1': ['林二', '陈一'], 'A-3': ['黄三'], 'A-4': ['周 四'] });
    const zhouRows = await db().selectFrom('owners').select(['id', 'name']).where('estate_id', '=', estateId).where('name', 'like', '周%').execute();
    expect(zhouRows).toEqual([{ id: zhouBefore.id, name: '周 四' }]);
    const removed = await db().selectFrom('units').select('removed_at').where('estate_id', '=', estateId).where('registry_no', '=', 'A-2').execute();
    expect(removed).toHaveLength(1);
    expect(removed[0]!.removed_at).toBeInstanceOf(Date);

    // The same file once more: nothing to do, and nothing is written.
    const counts = async () =>
      (await sql<{ n: string }>`select (select count(*) from units) + (select count(*) from owners) + (select count(*) from unit_owners) as n`.execute(db())).rows[0]!.n;
    const before = await counts();
    const same = await importRegistry(t, p.staffA, estateId, registryCsv(third));
    expect(same.counts).toEqual({ added: 0, removed: 0, changed: 0, transfers: 0, ownerUpdates: 0, unchanged: 3 });
    expect(await counts()).toBe(before);
  });
});

describe('the registry tables’ references (checked per statement, migration 0006)', () => {
  const refused = (query: ReturnType<typeof sql>) => expect(query.execute(db())).rejects.toThrow();
  let estateId: string;
  let other: { unit: string; owner: string };
  let mine: { unit: string; owner: string; building: string; stair: string };
  beforeAll(async () => {
    estateId = await p.estate(p.townshipA, '完整苑');
    await importRegistry(t, p.staffA, estateId, registryCsv([{ registryNo: 'I-1', building: '1栋', stair: '1单元', room: '101', area: '50.00', owners: [chen] }]));
    await importRegistry(t, p.staffB, p.estateB, registryCsv([{ registryNo: 'O-1', building: '1栋', room: '101', area: '50.00', owners: [lin] }]));
    const unitOf = (estate: string) =>
      db().selectFrom('units').select(['id', 'building_id', 'stair_id']).where('estate_id', '=', estate).executeTakeFirstOrThrow();
    const ownerOf = (estate: string) => db().selectFrom('owners').select('id').where('estate_id', '=', estate).executeTakeFirstOrThrow();
    const [u, o, ou, oo] = await Promise.all([unitOf(estateId), ownerOf(estateId), unitOf(p.estateB), ownerOf(p.estateB)]);
    mine = { unit: u.id, owner: o.id, building: u.building_id, stair: u.stair_id! };
    other = { unit: ou.id, owner: oo.id };
  });

  it('refuse links to a missing unit or owner, or across estates', async () => {
    const missing = '00000000-0000-4000-8000-000000000001';
    await expect(sql`insert into unit_owners (unit_id, owner_id) values (${missing}, ${mine.owner})`.execute(db())).rejects.toThrow(/same estate/);
    await expect(sql`insert into unit_owners (unit_id, owner_id) values (${mine.unit}, ${missing})`.execute(db())).rejects.toThrow(/same estate/);
    await expect(sql`insert into unit_owners (unit_id, owner_id) values (${mine.unit}, ${other.owner})`.execute(db())).rejects.toThrow(/same estate/);
    await expect(sql`update unit_owners set owner_id = ${other.owner} where unit_id = ${mine.unit}`.execute(db())).rejects.toThrow(/same estate/);
    // A valid link is accepted: the check is not refusing everything.
    await sql`insert into unit_owners (unit_id, owner_id) values (${other.unit}, ${other.owner}) on conflict do nothing`.execute(db());
  });

  it('refuse a unit whose building is in another estate or whose stair is in another building, and an owner of no estate', async () => {
    const otherBuilding = (await db().selectFrom('buildings').select('id').where('estate_id', '=', p.estateB).executeTakeFirstOrThrow()).id;
    await expect(sql`update units set building_id = ${otherBuilding} where id = ${mine.unit}`.execute(db())).rejects.toThrow(/building must be in/);
    const secondBuilding = await sql<{ id: string }>`insert into buildings (estate_id, name) values (${estateId}, '2栋') returning id`.execute(db());
    await expect(sql`update units set building_id = ${secondBuilding.rows[0]!.id} where id = ${mine.unit}`.execute(db())).rejects.toThrow(/stair in its building/);
    await sql`update units set stair_id = null, building_id = ${secondBuilding.rows[0]!.id} where id = ${mine.unit}`.execute(db());
    await expect(
      sql`insert into owners (estate_id, kind, name, id_type, id_key, id_tail) values ('00000000-0000-4000-8000-000000000002', 'person', 'x', 'passport', '\\x00'::bytea, '0000')`.execute(db()),
    ).rejects.toThrow(/existing estate/);
  });

  it('refuse deleting or re-keying the rows others refer to', async () => {
    await refused(sql`delete from units where id = ${mine.unit}`);
    await refused(sql`delete from owners where id = ${mine.owner}`);
    await refused(sql`delete from stairs where id = ${mine.stair}`);
    await refused(sql`truncate units cascade`);
    await expect(sql`update owners set id = gen_random_uuid() where id = ${mine.owner}`.execute(db())).rejects.toThrow(/never change/);
    await expect(sql`update owners set estate_id = ${p.estateB} where id = ${mine.owner}`.execute(db())).rejects.toThrow(/never change/);
    await expect(sql`update buildings set estate_id = ${p.estateB} where id = ${mine.building}`.execute(db())).rejects.toThrow(/never change/);
    expect((await db().selectFrom('units').select('id').where('id', '=', mine.unit).execute()).length).toBe(1);
  });
});
