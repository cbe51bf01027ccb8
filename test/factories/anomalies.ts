import type { TestApp } from '../helpers/app.ts';

/**
 * An injected anomaly (R7.3): the account also bound directly, in the database, to these owners of
 * the estate (by registry name) — one phone speaking for owners who are not co-owners, as a
 * property company's clerk might. The close then flags it (shared_phone).
 */
export async function bindAccountToOwners(t: TestApp, accountId: string, estateId: string, names: string[]): Promise<void> {
  const db = t.testDatabase.database.db;
  const owners = await db.selectFrom('owners').select('id').where('estate_id', '=', estateId).where('name', 'in', names).execute();
  if (owners.length !== names.length) throw new Error(`not all of ${names.join(', ')} are owners of the estate`);
  await db
    .insertInto('owner_bindings')
    .values(owners.map((o) => ({ account_id: accountId, owner_id: o.id, method: 'self' as const, level: 'registry_factor' as const, factor: 'phone' as const })))
    .execute();
}
