import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrator.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { MOBILE, normalisePhone } from './accounts.ts';
import { appointRole } from './roles.ts';
import { liveAdminByPhone } from './roles-repository.ts';

/**
 * The first admin of an installation cannot be appointed through the API
 * (only admins appoint). Whoever runs the server may appoint one from its
 * command line: `npx gongjue admin grant 13800138000`.
 *
 * With an external PostgreSQL the command writes to the database itself.
 * The embedded database belongs to one process (a pid lock): while
 * `npm start` runs on the same data directory, the command asks that
 * service instead, over its local admin endpoint (below).
 */
export async function grantAdmin(config: Config, rawPhone: string): Promise<{ accountId: string; created: boolean }> {
  const phone = normalisePhone(rawPhone);
  if (!MOBILE.test(phone)) throw new Error(`${rawPhone} is not a mainland mobile number`);
  if (config.databaseUrl === undefined) {
    const service = runningEmbeddedService(config);
    if (service !== null) return grantThroughService(config, service, phone);
  }
  const database = await openDatabase({ url: config.databaseUrl, embeddedDir: config.embeddedDatabaseDir, poolMax: 1 });
  try {
    await migrateToLatest(database.db);
    return await appointAdmin(database.db, phone, 'system:cli', new Date());
  } finally {
    await database.close();
  }
}

/** Appoints an admin unless the phone's account already is one. The phone is normalised and checked by the caller. */
export async function appointAdmin(db: Kysely<DB>, phone: string, actor: string, now: Date): Promise<{ accountId: string; created: boolean }> {
  return inTransaction(db, async (trx) => {
    const existing = await liveAdminByPhone(trx, phone);
    if (existing) return { accountId: existing.id, created: false };
    const assignment = await appointRole(trx, { phone, scope: { role: 'admin' }, actor, grantedBy: null, now });
    return { accountId: assignment.accountId, created: true };
  });
}

/**
 * The local admin endpoint of a running embedded service. At start the
 * service writes where it listens and a fresh random secret to
 * DATA_DIR/secrets/local-admin.json (mode 0600, in the 0700 directory that
 * already holds its signing keys: whoever can read it could sign admin
 * tokens anyway, so it grants nothing new). The command reads it and
 * presents the secret; the service answers only connections from this
 * machine, and removes the file when it stops.
 */
export interface LocalAdminEndpoint {
  pid: number;
  host: string;
  port: number;
  secret: string;
}

export const LOCAL_ADMIN_PATH = '/local/admin-grants';
export const LOCAL_ADMIN_SECRET_HEADER = 'gongjue-local-secret';

const endpointFile = (config: Pick<Config, 'secretsDir'>) => path.join(config.secretsDir, 'local-admin.json');

/** A fresh secret for this process's endpoint. */
export function newLocalAdminSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** Written once the service listens. Returns a function that removes the file if it is still this process's. */
export function publishLocalAdminEndpoint(config: Pick<Config, 'secretsDir'>, endpoint: LocalAdminEndpoint): () => void {
  const file = endpointFile(config);
  fs.mkdirSync(config.secretsDir, { recursive: true, mode: 0o700 });
  // Replace, never rewrite in place: a file left by an earlier process may have looser permissions.
  fs.rmSync(file, { force: true });
  fs.writeFileSync(file, `${JSON.stringify(endpoint)}\n`, { mode: 0o600, flag: 'wx' });
  return () => {
    try {
      if ((JSON.parse(fs.readFileSync(file, 'utf8')) as LocalAdminEndpoint).secret === endpoint.secret) fs.unlinkSync(file);
    } catch {
      // Already gone or replaced: nothing of ours to remove.
    }
  };
}

/** The pid holding the embedded database of this data directory, when it is another live process. */
function runningEmbeddedService(config: Pick<Config, 'embeddedDatabaseDir'>): number | null {
  let holder: number;
  try {
    holder = Number.parseInt(fs.readFileSync(path.join(config.embeddedDatabaseDir, 'gongjue.pid'), 'utf8'), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(holder) || holder === process.pid) return null;
  try {
    process.kill(holder, 0);
    return holder;
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? holder : null;
  }
}

async function grantThroughService(config: Config, pid: number, phone: string): Promise<{ accountId: string; created: boolean }> {
  let endpoint: LocalAdminEndpoint;
  try {
    endpoint = JSON.parse(fs.readFileSync(endpointFile(config), 'utf8')) as LocalAdminEndpoint;
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it has not published its local admin endpoint (still starting?)' : (error as Error).message;
    throw new Error(`the embedded database in ${config.embeddedDatabaseDir} is in use by process ${pid}, and ${why}; try again, or stop it and run this again`, {
      cause: error,
    });
  }
  if (endpoint.pid !== pid) {
    throw new Error(`the embedded database is in use by process ${pid}, but ${endpointFile(config)} belongs to process ${endpoint.pid}; try again in a moment`);
  }
  const host = endpoint.host.includes(':') ? `[${endpoint.host}]` : endpoint.host;
  let response: Response;
  try {
    response = await fetch(`http://${host}:${endpoint.port}${LOCAL_ADMIN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [LOCAL_ADMIN_SECRET_HEADER]: endpoint.secret },
      body: JSON.stringify({ phone }),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw new Error(`could not reach the running service (process ${pid}) at ${host}:${endpoint.port}: ${(error as Error).message}`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { accountId?: string; created?: boolean; detail?: string };
  if (!response.ok || typeof body.accountId !== 'string') {
    throw new Error(`the running service (process ${pid}) refused: ${response.status} ${body.detail ?? ''}`.trim());
  }
  return { accountId: body.accountId, created: body.created === true };
}
