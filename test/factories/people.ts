import { inTransaction } from '../../src/db/transaction.ts';
import { accountForPhone } from '../../src/identity/accounts.ts';
import { grantsForAccount } from '../../src/identity/grants.ts';
import { appointRole } from '../../src/identity/roles.ts';
import { openSession } from '../../src/identity/sessions.ts';
import { verifySelf } from '../../src/identity/verification.ts';
import type { TestApp } from '../helpers/app.ts';
import { mayVote } from '../helpers/voting.ts';
import type { CsvUnit } from '../helpers/identity.ts';
import { ownerNumber, type Person } from './cast.ts';
import { importRegistry } from './registry.ts';
import { actorFor, principalOf } from './who.ts';

/**
 * People with a live session, made by the identity services themselves
 * instead of through the login, appointment and verification routes (which
 * login.test.ts, roles-and-clients.test.ts and verification.test.ts test).
 * A session holds what logging in gives: the account's live roles and owner
 * bindings, read by `grantsForAccount`.
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
  accountId: string;
  phone: string;
}

// Prefixes of their own, so a file that also logs people in over HTTP (test/helpers/voting.ts: 158…, 159…) never shares a phone.
let people = 0;
const nextPhone = (prefix: string) => `${prefix}${String(++people).padStart(8, '0')}`;

const tokenOf = (t: TestApp, accountId: string, sessionId: string) =>
  inTransaction(t.testDatabase.database.db, async (trx) => t.app.issueAccessToken({ subject: accountId, kind: 'person', grants: await grantsForAccount(trx, accountId), session: sessionId }));

/** A new session of the account of `phone` (created on first sight), as logging in with a code opens it. */
export async function signedIn(t: TestApp, phone: string): Promise<Session> {
  const now = t.app.clock.now();
  const { accountId, sessionId, refreshToken } = await inTransaction(t.testDatabase.database.db, async (trx) => {
    const account = await accountForPhone(trx, phone);
    await trx.updateTable('accounts').set({ last_login_at: now }).where('id', '=', account.id).execute();
    return { accountId: account.id, ...(await openSession(trx, account.id, now)) };
  });
  return { accessToken: await tokenOf(t, accountId, sessionId), refreshToken, accountId, phone };
}

/**
 * A person appointed to a role in the estate by the holder of `staffToken` (its township's staff), then signed in.
 * Pass the `phone` of someone appointed before to give them a role in a second estate.
 */
export async function appointed(t: TestApp, staffToken: string, estateId: string, role: 'committee' | 'organiser', phone = nextPhone('157')): Promise<Session> {
  return appointedTo(t, staffToken, { role, estateId }, phone);
}

/** A member of a township's staff, appointed by an administrator (`adminToken`), then signed in. */
export function townshipStaff(t: TestApp, adminToken: string, townshipId: string, phone = nextPhone('157')): Promise<Session> {
  return appointedTo(t, adminToken, { role: 'township_staff', townshipId }, phone);
}

async function appointedTo(t: TestApp, appointerToken: string, scope: Parameters<typeof appointRole>[1]['scope'], phone: string): Promise<Session> {
  const staff = principalOf(t, appointerToken);
  await inTransaction(t.testDatabase.database.db, (trx) =>
    appointRole(trx, {
      phone,
      scope,
      actor: actorFor(t, appointerToken),
      grantedBy: staff.kind === 'person' ? staff.subject : null,
      now: t.app.clock.now(),
    }),
  );
  return signedIn(t, phone);
}

/** A person signed in and verified as the named registry owner by self-verification, as in the owner app. */
export async function verifiedOwner(t: TestApp, owner: Person): Promise<Session> {
  const session = await signedIn(t, nextPhone('156'));
  const { config, clock, keys } = t.app;
  const outcome = await inTransaction(t.testDatabase.database.db, (trx) =>
    verifySelf(trx, {
      accountId: session.accountId,
      name: owner.name,
      idType: 'resident_id',
      idNumber: owner.id,
      hmacKey: keys.identityHmacKey,
      ip: '198.51.100.1',
      limits: {
        failuresPerOwner: config.identityLimits.verificationFailuresPerOwner,
        failuresPerAddressPerHour: config.identityLimits.verificationFailuresPerAddressPerHour,
      },
      now: clock.now(),
    }),
  );
  if (!outcome.ok) throw new Error(`verification of ${owner.name} failed: ${outcome.reason}`);
  await mayVote(t, session.accountId);
  // The same session with the new grants, as the verification route answers.
  return { ...session, accessToken: await tokenOf(t, session.accountId, principalOf(t, session.accessToken).session!) };
}

/**
 * A crowd of `size` owners, one unit each, imported into the estate and each
 * bound to an account of its own directly (phones `${phonePrefix}00000000`,
 * `…01`, …): logging hundreds of people in would only test the login limits.
 * Sessions are the caller's to open. Returns the owners and their accounts in registry order.
 */
export async function boundCrowd(t: TestApp, staffToken: string, estateId: string, size: number, phonePrefix: string) {
  const units: CsvUnit[] = Array.from({ length: size }, (_, i) => ({
    registryNo: `U-${String(i).padStart(4, '0')}`,
    building: `${1 + (i % 5)}栋`,
    room: String(100 + i),
    area: `${80 + (i % 40)}.50`,
    owners: [ownerNumber(i)],
  }));
  await importRegistry(t, staffToken, estateId, units);
  const db = t.testDatabase.database.db;
  const owners = await db.selectFrom('owners').select(['id', 'name']).where('estate_id', '=', estateId).execute();
  const accounts = await db
    .insertInto('accounts')
    .values(owners.map((_, i) => ({ phone: `${phonePrefix}${String(i).padStart(8, '0')}` })))
    .returning(['id', 'phone'])
    .execute();
  await db
    .insertInto('owner_bindings')
    // The login phone is the registry's (as if imported with it): registry_factor, which may vote by default.
    .values(owners.map((o, i) => ({ account_id: accounts[i]!.id, owner_id: o.id, method: 'self' as const, level: 'registry_factor' as const, factor: 'phone' as const })))
    .execute();
  return { owners, accounts };
}
