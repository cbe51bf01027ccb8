import type { TestApp } from '../helpers/app.ts';
import { li, zhang } from './cast.ts';
import { appointed, type Session, verifiedOwner } from './people.ts';
import { twoTownships } from './places.ts';
import { importRegistry } from './registry.ts';

/**
 * Where a test drafts meetings as an organiser: two townships with an estate each (twoTownships),
 * estate A's registry of two units (张三 in 1栋1单元101, 90.00 m²; 李四 in 1栋2单元201, 80.00 m²),
 * an organiser in each estate, and 张三 verified — so that the same request can be tried by the
 * estate's organiser, by another estate's organiser (404) and by an owner of the estate (403).
 */
export interface OrganisedEstates {
  places: Awaited<ReturnType<typeof twoTownships>>;
  /** Estate A's organiser. */
  organiser: Session;
  /** Estate B's organiser. */
  otherOrganiser: Session;
  /** 张三, a verified owner of estate A. */
  owner: Session;
}

export async function organisedEstates(t: TestApp): Promise<OrganisedEstates> {
  const places = await twoTownships(t);
  await importRegistry(t, places.staffA, places.estateA, [
    { registryNo: 'R-1', building: '1栋', stair: '1单元', room: '101', area: '90.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', stair: '2单元', room: '201', area: '80.00', owners: [li] },
  ]);
  const organiser = await appointed(t, places.staffA, places.estateA, 'organiser');
  const otherOrganiser = await appointed(t, places.staffB, places.estateB, 'organiser');
  const owner = await verifiedOwner(t, zhang);
  return { places, organiser, otherOrganiser, owner };
}
