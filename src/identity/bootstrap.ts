import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import { inTransaction } from '../db/transaction.ts';
import { MOBILE, normalisePhone } from './accounts.ts';
import { appointRole } from './roles.ts';

/**
 * The first admin of an installation cannot be appointed through the API
 * (only admins appoint). Whoever runs the server may appoint one from its
 * command line: `npx gongjue admin grant 13800138000`.
 */
export async function grantAdmin(config: Config, rawPhone: string): Promise<{ accountId: string; created: boolean }> {
  const phone = normalisePhone(rawPhone);
  if (!MOBILE.test(phone)) throw new Error(`${rawPhone} is not a mainland mobile number`);
  const database = await openDatabase({ url: config.databaseUrl, embeddedDir: config.embeddedDatabaseDir, poolMax: 1 });
  try {
    await migrateToLatest(database.db);
    return await inTransaction(database.db, async (trx) => {
      const existing = await trx
        .selectFrom('role_assignments')
        .innerJoin('accounts', 'accounts.id', 'role_assignments.account_id')
        .select('accounts.id')
        .where('accounts.phone', '=', phone)
        .where('role_assignments.role', '=', 'admin')
        .where('role_assignments.revoked_at', 'is', null)
        .executeTakeFirst();
      if (existing) return { accountId: existing.id, created: false };
      const assignment = await appointRole(trx, {
        phone,
        scope: { role: 'admin' },
        actor: 'system:cli',
        grantedBy: null,
        now: new Date(),
      });
      return { accountId: assignment.accountId, created: true };
    });
  } finally {
    await database.close();
  }
}
