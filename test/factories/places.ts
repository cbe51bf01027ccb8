import { inTransaction } from '../../src/db/transaction.ts';
import { createEstate } from '../../src/places/estates.ts';
import { createTownship } from '../../src/places/townships.ts';
import type { TestApp } from '../helpers/app.ts';
import { twoTownshipsWith } from '../helpers/two-townships.ts';
import { actorFor } from './who.ts';

/**
 * Townships and estates written by their repository functions: no HTTP, the
 * rows the admin's routes write (townships.test.ts tests those routes).
 * Tokens are of real sessions of real accounts (`t.tokenFor`).
 */

let codes = 0;

export async function township(t: TestApp, name: string): Promise<string> {
  return (await createTownship(t.testDatabase.database.db, { code: String(350_881_200 + ++codes), name })).id;
}

/** An estate created by the holder of `adminToken`, with its first audit record (the service the route calls). */
export async function estate(t: TestApp, adminToken: string, townshipId: string, name: string, settings: Record<string, unknown> = {}): Promise<string> {
  const created = await inTransaction(t.testDatabase.database.db, (trx) =>
    createEstate(trx, { townshipId, name, settings, actor: actorFor(t, adminToken), now: t.app.clock.now() }),
  );
  return created.id;
}

/** Two townships with an estate each, made by the factories (test/helpers/two-townships.ts). */
export function twoTownships(t: TestApp) {
  return twoTownshipsWith(t, { township: (_admin, name) => township(t, name), estate: (admin, townshipId, name, settings) => estate(t, admin, townshipId, name, settings) });
}
