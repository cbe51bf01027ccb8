import type { Kysely, Transaction } from 'kysely';
import { appendAudit, SYSTEM_CHAIN } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { allApiClients, type ApiClientRow, findActiveApiClient, insertApiClient, markApiClientRevoked } from './api-clients-repository.ts';
import { newSecret, sameHash, secretHash } from './hashing.ts';
import type { Principal } from './principal.ts';

/**
 * Other systems, authenticated by client credentials and scoped to the
 * townships and estates named at registration, read-only or read-write.
 */

export interface NewApiClient {
  name: string;
  access: 'read' | 'read_write';
  townshipIds: string[];
  estateIds: string[];
  createdBy: string | null;
}

export interface ApiClientView {
  id: string;
  name: string;
  access: 'read' | 'read_write';
  townshipIds: string[];
  estateIds: string[];
  createdAt: string;
  revokedAt: string | null;
}

/** Registers a client; the secret is returned this once and stored only as a hash. */
export async function createApiClient(trx: Kysely<DB>, input: NewApiClient): Promise<{ client: ApiClientView; secret: string }> {
  const secret = newSecret('cs');
  const row = await insertApiClient(trx, {
    name: input.name,
    access: input.access,
    township_ids: input.townshipIds,
    estate_ids: input.estateIds,
    created_by: input.createdBy,
    secret_hash: secretHash(secret),
  });
  return { client: view(row), secret };
}

/** Registers a client on someone's behalf (the route's service): created and written into the audit log together. */
export async function registerApiClient(
  trx: Transaction<DB>,
  input: NewApiClient & { actor: string; now: Date },
): Promise<{ client: ApiClientView; secret: string }> {
  const { actor, now, ...client } = input;
  const result = await createApiClient(trx, client);
  await appendAudit(trx, {
    chain: SYSTEM_CHAIN,
    actor,
    action: 'api_client.created',
    subject: `client:${result.client.id}`,
    data: { name: result.client.name, access: result.client.access, townshipIds: result.client.townshipIds, estateIds: result.client.estateIds },
  }, now);
  return result;
}

function view(row: ApiClientRow): ApiClientView {
  return {
    id: row.id,
    name: row.name,
    access: row.access,
    townshipIds: row.township_ids,
    estateIds: row.estate_ids,
    createdAt: row.created_at.toISOString(),
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

export async function listApiClients(db: Kysely<DB>): Promise<ApiClientView[]> {
  return (await allApiClients(db)).map(view);
}

/** Revokes a client on someone's behalf, with its audit record; an unknown or already revoked client is not found. */
export async function revokeApiClient(trx: Transaction<DB>, input: { clientId: string; actor: string; now: Date }): Promise<void> {
  if (!(await markApiClientRevoked(trx, input.clientId, input.now))) throw new ProblemError('not-found', 'No such client');
  await appendAudit(trx, { chain: SYSTEM_CHAIN, actor: input.actor, action: 'api_client.revoked', subject: `client:${input.clientId}`, data: {} }, input.now);
}

/** The principal of a client whose credentials are right and not revoked; otherwise undefined. */
export async function authenticateApiClient(db: Kysely<DB>, clientId: string, secret: string): Promise<Principal | undefined> {
  const row = await findActiveApiClient(db, clientId);
  if (!row || !sameHash(row.secret_hash, secretHash(secret))) return undefined;
  return {
    subject: row.id,
    kind: 'client',
    grants: [{ role: 'client', access: row.access, townshipIds: row.township_ids, estateIds: row.estate_ids }],
  };
}
