import { CompiledQuery, type Kysely, type MigrationResult, Migrator } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import { RESET_TIMEOUTS_SQL, SET_TIMEOUTS_SQL } from './database.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export function createMigrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export class MigrationError extends Error {
  constructor(
    readonly migrationName: string | undefined,
    options: { cause: unknown },
  ) {
    super(`migration ${migrationName ?? '(unknown)'} failed: ${(options.cause as Error)?.message ?? options.cause}`, options);
    this.name = 'MigrationError';
  }
}

/**
 * Brings the schema to the latest migration. Kysely's Migrator holds a
 * PostgreSQL advisory lock and runs every pending migration in one
 * transaction, so several instances starting at once apply each migration
 * exactly once and never see a half-migrated schema.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the migrator works on any schema
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  // A migration may run long, and an instance starting beside another waits
  // for its lock: neither is held to a request's statement and lock timeouts.
  const { error, results } = await db.connection().execute(async (connection) => {
    await connection.executeQuery(CompiledQuery.raw(SET_TIMEOUTS_SQL, ['0', false]));
    try {
      return await createMigrator(connection).migrateToLatest();
    } finally {
      await connection.executeQuery(CompiledQuery.raw(RESET_TIMEOUTS_SQL)).catch(() => undefined);
    }
  });
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, { cause: error });
  }
  return results ?? [];
}
