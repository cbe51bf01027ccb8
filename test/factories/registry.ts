import { applyImport, previewImport } from '../../src/registry/import.ts';
import { readRegistryFile } from '../../src/registry/parse-file.ts';
import type { ImportPreview } from '../../src/registry/types.ts';
import { inLongTransaction } from '../../src/db/transaction.ts';
import type { TestApp } from '../helpers/app.ts';
import { type CsvUnit, registryCsv } from '../helpers/identity.ts';
import { actorFor } from './who.ts';

/**
 * An estate's registry as an applied import leaves it: the file is parsed and
 * checked, identity numbers become HMACs under the app's key, and the preview
 * is applied by the holder of `token` (township staff) — by the import's own
 * functions, so units, owners, links, registry version and audit record are
 * those of a real import. registry-import.test.ts tests the routes.
 */
export async function importRegistry(t: TestApp, token: string, estateId: string, units: CsvUnit[]): Promise<ImportPreview> {
  const { db, copyInto } = t.testDatabase.database;
  const actor = actorFor(t, token);
  const file = readRegistryFile(registryCsv(units), t.keys.identityHmacKey);
  const now = t.app.clock.now();
  // The routes' transactions: a registry may be large, so the long limits apply.
  const transaction = <T>(work: Parameters<typeof inLongTransaction<T>>[2]) => inLongTransaction(db, t.app.config.databaseLongStatementMs, work);
  const preview = await transaction(async (trx) => {
    const estate = await trx.selectFrom('estates').select('registry_version').where('id', '=', estateId).executeTakeFirstOrThrow();
    return previewImport(trx, { estateId, registryVersion: estate.registry_version, ...file, createdBy: actor });
  });
  return transaction((trx) => applyImport(trx, { estateId, importId: preview.id, actor, now }, copyInto));
}
