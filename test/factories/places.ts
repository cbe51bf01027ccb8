import { appendAudit, estateChain } from '../../src/audit/audit-log.ts';
import { inTransaction } from '../../src/db/transaction.ts';
import { createEstate } from '../../src/places/estates.ts';
import { createTownship } from '../../src/places/townships.ts';
import type { TestApp } from '../helpers/app.ts';
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

/**
 * An estate created by the holder of `adminToken`, with its first audit record. The route writes that record
 * itself (src/routes/estates.ts); written here the same way until a service of src/places/ owns it.
 */
export async function estate(t: TestApp, adminToken: string, townshipId: string, name: string, settings: Record<string, unknown> = {}): Promise<string> {
  const created = await inTransaction(t.testDatabase.database.db, async (trx) => {
    const row = await createEstate(trx, { townshipId, name, settings });
    await appendAudit(trx, {
      chain: estateChain(row.id),
      actor: actorFor(t, adminToken),
      action: 'estate.created',
      subject: `estate:${row.id}`,
      data: { name: row.name, townshipId, settings: row.settings },
    }, t.app.clock.now());
    return row;
  });
  return created.id;
}

/** Two townships with an estate each, and tokens for an admin, each township's staff and a committee member of estate A. */
export async function twoTownships(t: TestApp) {
  const admin = await t.tokenFor({ role: 'admin' });
  const townshipA = await township(t, '桂林街道');
  const townshipB = await township(t, '菁城街道');
  const estateA = await estate(t, admin, townshipA, '阳光花园');
  const estateB = await estate(t, admin, townshipB, '翠湖苑');
  return {
    admin,
    townshipA,
    townshipB,
    estateA,
    estateB,
    estate: (townshipId: string, name: string, settings: Record<string, unknown> = {}) => estate(t, admin, townshipId, name, settings),
    staffA: await t.tokenFor({ role: 'township_staff', townshipId: townshipA }),
    staffB: await t.tokenFor({ role: 'township_staff', townshipId: townshipB }),
    committeeA: await t.tokenFor({ role: 'committee', estateId: estateA }),
  };
}
