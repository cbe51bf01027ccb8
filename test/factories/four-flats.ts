import type { TestApp } from '../helpers/app.ts';
import { li, wang, zhang, zhao } from './cast.ts';
import { appointed, type Session } from './people.ts';
import { twoTownships } from './places.ts';
import { importRegistry } from './registry.ts';

/**
 * Where a test handles an organiser's paper — written proxies, paper ballots read twice: two
 * townships with an estate each (twoTownships), estate A's registry of four flats in 1栋 (R-1
 * 张三 101, 100.00 m²; R-2 王五 102, 90.00 m²; R-3 赵六 103, 80.00 m²; R-4 李四 104, 70.00 m²),
 * estate A's organiser, as many committee members as asked for (a second and third reader), and
 * estate B's organiser, to whom estate A's paper is not there (404).
 */
export interface FourFlats {
  places: Awaited<ReturnType<typeof twoTownships>>;
  /** Estate A's organiser. */
  organiser: Session;
  /** Estate A's committee members. */
  committee: Session[];
  /** Estate B's organiser. */
  otherOrganiser: Session;
}

export async function fourFlats(t: TestApp, committeeMembers = 0): Promise<FourFlats> {
  const places = await twoTownships(t);
  await importRegistry(t, places.staffA, places.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '90.00', owners: [wang] },
    { registryNo: 'R-3', building: '1栋', room: '103', area: '80.00', owners: [zhao] },
    { registryNo: 'R-4', building: '1栋', room: '104', area: '70.00', owners: [li] },
  ]);
  const organiser = await appointed(t, places.staffA, places.estateA, 'organiser');
  const committee: Session[] = [];
  for (let i = 0; i < committeeMembers; i++) committee.push(await appointed(t, places.staffA, places.estateA, 'committee'));
  const otherOrganiser = await appointed(t, places.staffB, places.estateB, 'organiser');
  return { places, organiser, committee, otherOrganiser };
}
