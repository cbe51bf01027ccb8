import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { DB } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { ACCESS_TOKEN_TTL_SECONDS } from './principal.ts';
import { ProblemError } from '../problems.ts';
import { accountForPhone, recordLogin } from './accounts.ts';
import { grantsForAccount } from './grants.ts';
import { type CodeCheck, checkLoginCode } from './otp.ts';
import type { Principal } from './principal.ts';
import { issueRefreshToken, revokeByToken, rotateRefreshToken } from './refresh-tokens.ts';

/** Sessions of people: log in with a code, refresh, log out. */

export interface SessionDeps {
  hmacKey: Buffer;
  clock: Clock;
  signAccessToken: (principal: Principal) => string;
}

export interface Session {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  accountId: string;
}

const CODE_REFUSALS: Record<Exclude<CodeCheck, 'ok'>, string> = {
  wrong: 'The code is not correct',
  expired: 'The code has expired; ask for a new one',
  exhausted: 'Too many wrong codes; ask for a new one',
  none: 'No code is waiting for this phone; ask for one',
};

/** The access token names its session (the refresh-token family), so ending the session stops it at once. */
async function sessionFor(trx: Kysely<DB>, deps: SessionDeps, accountId: string, sessionId: string, refreshToken: string): Promise<Session> {
  const grants = await grantsForAccount(trx, accountId);
  return {
    accessToken: deps.signAccessToken({ subject: accountId, kind: 'person', grants, session: sessionId }),
    tokenType: 'Bearer',
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    refreshToken,
    accountId,
  };
}

/** A new session of an account: the first refresh token of a new family, whose id the session's access tokens carry. */
export async function openSession(trx: Kysely<DB>, accountId: string, now: Date): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = randomUUID();
  return { sessionId, refreshToken: await issueRefreshToken(trx, accountId, now, sessionId) };
}

export async function logInWithCode(db: Kysely<DB>, deps: SessionDeps, input: { phone: string; code: string }): Promise<Session> {
  const now = deps.clock.now();
  // The attempt count must be committed even when the code is refused, so the
  // refusal is thrown only after the transaction has ended.
  const outcome = await inTransaction(db, async (trx) => {
    const check = await checkLoginCode(trx, deps.hmacKey, { ...input, now });
    if (check !== 'ok') return { check } as const;
    const account = await accountForPhone(trx, input.phone);
    await recordLogin(trx, account.id, now);
    const { sessionId, refreshToken } = await openSession(trx, account.id, now);
    return { check, session: await sessionFor(trx, deps, account.id, sessionId, refreshToken) } as const;
  });
  if (outcome.check !== 'ok') throw new ProblemError('unauthenticated', CODE_REFUSALS[outcome.check]);
  return outcome.session;
}

export async function refreshSession(db: Kysely<DB>, deps: SessionDeps, refreshToken: string): Promise<Session> {
  const now = deps.clock.now();
  const outcome = await inTransaction(db, async (trx) => {
    const rotation = await rotateRefreshToken(trx, refreshToken, now);
    if (!rotation.ok) return rotation;
    return { ok: true, session: await sessionFor(trx, deps, rotation.accountId, rotation.familyId, rotation.token) } as const;
  });
  if (!outcome.ok) {
    throw new ProblemError(
      'unauthenticated',
      outcome.reason === 'reused'
        ? 'This refresh token was already used; every session of its login has been ended. Log in again.'
        : 'The refresh token is not valid; log in again',
    );
  }
  return outcome.session;
}

export async function logOut(db: Kysely<DB>, clock: Clock, refreshToken: string): Promise<void> {
  await inTransaction(db, (trx) => revokeByToken(trx, refreshToken, clock.now()));
}
