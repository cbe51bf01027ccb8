import { createEstate } from '../../src/places/estates.ts';
import { createTownship } from '../../src/places/townships.ts';
import type { TestApp } from '../helpers/app.ts';

/**
 * Townships and estates written by their repository functions, as the admin's
 * routes would: no HTTP, the same rows. Tokens are of real sessions of real
 * accounts (`t.tokenFor`), holding the grants named.
 */

let codes = 0;

export async function township(t: TestApp, name: string): Promise<string> {
  return (await createTownship(t.testDatabase.database.db, { code: String(350_881_200 + ++codes), name })).id;
}

export async function estate(t: TestApp, townshipId: string, name: string, settings: Record<string, unknown> = {}): Promise<string> {
  return (await createEstate(t.testDatabase.database.db, { townshipId, name, settings })).id;
}

/** Two townships with an estate each, and tokens for an admin, each township's staff and a committee member of estate A. */
export async function twoTownships(t: TestApp) {
  const townshipA = await township(t, '桂林街道');
  const townshipB = await township(t, '菁城街道');
  const estateA = await estate(t, townshipA, '阳光花园');
  const estateB = await estate(t, townshipB, '翠湖苑');
  return {
    admin: await t.tokenFor({ role: 'admin' }),
    townshipA,
    townshipB,
    estateA,
    estateB,
    estate: (townshipId: string, name: string, settings: Record<string, unknown> = {}) => estate(t, townshipId, name, settings),
    staffA: await t.tokenFor({ role: 'township_staff', townshipId: townshipA }),
    staffB: await t.tokenFor({ role: 'township_staff', townshipId: townshipB }),
    committeeA: await t.tokenFor({ role: 'committee', estateId: estateA }),
  };
}
