import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { App } from '../../src/app.ts';
import type { DB } from '../../src/db/schema.ts';
import { createApiClient } from '../../src/identity/api-clients.ts';
import type { Grant } from '../../src/identity/principal.ts';
import { openSession } from '../../src/identity/sessions.ts';

/**
 * Access tokens are honoured only while their session or API client lives
 * (src/identity/access-revocation.ts), so a test's token belongs to a real
 * session of a real account, or to a real registered client.
 */

/** A token of a new session of the account of `phone` (created on first sight), holding exactly these grants. */
export async function sessionToken(
  app: App,
  db: Kysely<DB>,
  grants: Grant[],
  phone = `171${String(randomInt(1e8)).padStart(8, '0')}`,
): Promise<{ token: string; accountId: string; sessionId: string }> {
  const account = await db
    .insertInto('accounts')
    .values({ phone })
    .onConflict((oc) => oc.column('phone').doUpdateSet({ phone }))
    .returning('id')
    .executeTakeFirstOrThrow();
  const { sessionId } = await openSession(db, account.id, new Date());
  return { token: app.issueAccessToken({ subject: account.id, kind: 'person', grants, session: sessionId }), accountId: account.id, sessionId };
}

/** A token of a newly registered API client with this access and scope. */
export async function clientToken(
  app: App,
  db: Kysely<DB>,
  grant: Omit<Extract<Grant, { role: 'client' }>, 'role'>,
): Promise<{ token: string; clientId: string }> {
  const { client } = await createApiClient(db, { name: 'test client', ...grant, createdBy: null });
  return {
    token: app.issueAccessToken({ subject: client.id, kind: 'client', grants: [{ role: 'client', ...grant }] }),
    clientId: client.id,
  };
}
