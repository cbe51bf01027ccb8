import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { maskName, maskPhone } from '../lib/mask.ts';
import { formatArea } from '../tally/index.ts';
import { buildingsWithUnits, countUnits, ownersOfUnits, pageOfUnits, type UnitFilter } from './units-repository.ts';

/**
 * A page of the estate's current units with their owners. Names and phones
 * are masked and identity tails withheld unless `identities` (the caller may
 * read them: authorised staff).
 */
export async function listUnits(
  db: Kysely<DB>,
  estateId: string,
  page: UnitFilter & { limit: number; after?: string | undefined },
  identities: boolean,
) {
  // One row more than the page says whether there is a next one.
  const [rows, total, places] = await Promise.all([
    pageOfUnits(db, estateId, { ...page, limit: page.limit + 1 }),
    countUnits(db, estateId, page),
    buildingsWithUnits(db, estateId),
  ]);
  const units = rows.slice(0, page.limit);
  const owners = await ownersOfUnits(db, units.map((r) => r.id));
  return {
    total,
    buildings: places,
    items: units.map((u) => ({
      id: u.id,
      registryNo: u.registry_no,
      building: u.building,
      stair: u.stair,
      room: u.room,
      area: formatArea(BigInt(u.area_hundredths)),
      areaSource: u.area_source,
      kind: u.kind,
      developerHeld: u.developer_held,
      owners: owners
        .filter((o) => o.unit_id === u.id)
        .map((o) => ({
          id: o.id,
          name: identities ? o.name : maskName(o.name, o.kind),
          kind: o.kind,
          idTail: identities ? o.id_tail : null,
          phone: o.phone === null ? null : identities ? o.phone : maskPhone(o.phone),
          verified: o.binding !== null,
          representative: o.representative,
          assurance: o.assurance,
          // R5.2: their name and credit code are public, so only staff who saw the licence bind them.
          inPersonOnly: o.kind === 'organisation' || Boolean(o.developer),
        })),
    })),
    next: rows.length > page.limit ? (units[units.length - 1]?.registry_no ?? null) : null,
  };
}
