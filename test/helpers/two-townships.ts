import type { TestApp } from './app.ts';

/** How a township or an estate comes to be: through the admin's routes (test/helpers/places.ts) or by the factories (test/factories/places.ts). */
export interface PlaceMakers {
  township(adminToken: string, name: string): Promise<string>;
  estate(adminToken: string, townshipId: string, name: string, settings?: Record<string, unknown>): Promise<string>;
}

/**
 * The places most tests stand in, laid out once: two townships with an estate each, and tokens of real
 * sessions for an admin, each township's staff and a committee member of estate A.
 */
export async function twoTownshipsWith(t: TestApp, make: PlaceMakers) {
  const admin = await t.tokenFor({ role: 'admin' });
  const townshipA = await make.township(admin, '桂林街道');
  const townshipB = await make.township(admin, '菁城街道');
  const estateA = await make.estate(admin, townshipA, '阳光花园');
  const estateB = await make.estate(admin, townshipB, '翠湖苑');
  return {
    admin,
    townshipA,
    townshipB,
    estateA,
    estateB,
    /** Another estate, made the same way by the admin. */
    estate: (townshipId: string, name: string, settings: Record<string, unknown> = {}) => make.estate(admin, townshipId, name, settings),
    staffA: await t.tokenFor({ role: 'township_staff', townshipId: townshipA }),
    staffB: await t.tokenFor({ role: 'township_staff', townshipId: townshipB }),
    committeeA: await t.tokenFor({ role: 'committee', estateId: estateA }),
  };
}
