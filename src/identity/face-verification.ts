import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { identityKey } from '../registry/identity-key.ts';
import { normaliseIdNumber } from '../registry/id-number.ts';
import { reaches } from './assurance.ts';
import type { FaceProvider } from './face/face-provider.ts';
import { completeFaceCheck, faceChecksSince, insertFaceCheck, lockFaceCheck } from './face-checks-repository.ts';
import { liveBindingsOfOwners, revokeLiveBinding } from './owner-bindings-repository.ts';
import { bindAt, type BoundOwner, normaliseName } from './verification.ts';
import { lockAccountForVerification, registryOwnersNamed } from './verification-repository.ts';

/**
 * Binding at provider_face (issue 14): the account starts a face check for a
 * name and resident identity number, the owner completes the provider's page,
 * and the service reads the outcome from the provider, server to server —
 * never from the browser. The provider's name and number must be the ones the
 * check was started with, and those of registry owners: those owners are
 * bound to the account at provider_face.
 *
 * A face check outranks what someone else could do with a copy of the owner's
 * identity card: a binding of another account below provider_face is
 * replaced (audited `owner.binding_replaced`; that account no longer votes
 * for the owner). One at provider_face or in person is not: the owner asks
 * the committee.
 */

/** Face checks one account may start a day: each costs a provider's fee. */
export const FACE_CHECKS_PER_DAY = 10;

function noProvider(): ProblemError {
  return new ProblemError(
    'face-verification-unavailable',
    'Face verification is not available here; verify with your property certificate number, or ask your residents’ committee to verify you in person',
  );
}

export async function startFaceCheck(
  db: Kysely<DB>,
  provider: FaceProvider | null,
  input: { accountId: string; name: string; idNumber: string; redirectUrl: string; hmacKey: Buffer; now: Date },
  /** The service's own address (PUBLIC_BASE_URL): the provider sends the owner back there and nowhere else. */
  publicBaseUrl: string,
): Promise<{ checkId: string; url: string }> {
  if (provider === null) throw noProvider();
  // Otherwise a link could start a check that ends on someone else's page, carrying the provider's token.
  if (new URL(input.redirectUrl).origin !== new URL(publicBaseUrl).origin) {
    const message = `must be a page of this service (${new URL(publicBaseUrl).origin})`;
    throw new ProblemError('validation-failed', `body.redirectUrl: ${message}`, { errors: [{ path: 'body.redirectUrl', message }] });
  }
  const number = normaliseIdNumber('resident_id', input.idNumber);
  if (!number.ok) throw new ProblemError('validation-failed', `body.idNumber: ${number.message}`, { errors: [{ path: 'body.idNumber', message: number.message }] });
  const started = await faceChecksSince(db, input.accountId, new Date(input.now.getTime() - 24 * 3_600_000));
  if (started >= FACE_CHECKS_PER_DAY) {
    throw new ProblemError('rate-limited', `At most ${FACE_CHECKS_PER_DAY} face checks a day; try again tomorrow`, { retryAfterSeconds: 3600 }, { 'retry-after': '3600' });
  }
  const checkId = randomUUID();
  const name = normaliseName(input.name);
  const check = await provider.start({ name, idNumber: number.value, redirectUrl: input.redirectUrl, reference: checkId });
  await insertFaceCheck(db, {
    id: checkId,
    account_id: input.accountId,
    provider: provider.name,
    token: check.token,
    name,
    id_key: Buffer.from(identityKey(input.hmacKey, 'resident_id', number.value), 'hex'),
    created_at: input.now,
  });
  return { checkId, url: check.url };
}

export async function completeFaceVerification(
  trx: Transaction<DB>,
  provider: FaceProvider | null,
  input: { accountId: string; checkId: string; hmacKey: Buffer; now: Date },
): Promise<{ ok: true; owners: BoundOwner[] } | { ok: false; refusal: ProblemError }> {
  const account = await lockAccountForVerification(trx, input.accountId);
  const check = await lockFaceCheck(trx, input.accountId, input.checkId);
  // Another account's check answers as one that does not exist, whatever the installation has.
  if (!check) throw new ProblemError('not-found', 'No such face check');
  if (provider === null) throw noProvider();
  if (check.completed_at !== null) throw new ProblemError('conflict', 'This face check was already completed; start another');
  if (check.provider !== provider.name) throw new ProblemError('conflict', 'This face check was started with another provider; start another');
  const outcome = await provider.outcome(check.token);
  if (outcome.status === 'pending') throw new ProblemError('conflict', 'The face check is not finished yet: complete it on the provider’s page, then try again');
  if (outcome.status === 'failed') {
    // The check is used up even when refused: the caller commits before it answers.
    await completeFaceCheck(trx, check.id, input.now);
    return { ok: false, refusal: new ProblemError('not-verified', `The face check did not pass (${outcome.reason})`) };
  }
  // What the provider matched the face to must be what was asked: never trust the browser.
  const number = normaliseIdNumber('resident_id', outcome.idNumber);
  const key = number.ok ? Buffer.from(identityKey(input.hmacKey, 'resident_id', number.value), 'hex') : null;
  if (key === null || !key.equals(check.id_key) || normaliseName(outcome.name) !== check.name) {
    await completeFaceCheck(trx, check.id, input.now);
    return { ok: false, refusal: new ProblemError('not-verified', 'The face check matched another identity than the one asked for') };
  }
  await completeFaceCheck(trx, check.id, input.now);
  const namesakes = await registryOwnersNamed(trx, check.name);
  if (namesakes.some((o) => o.kind === 'organisation' || Boolean(o.developer))) {
    throw new ProblemError('in-person-required', 'Organisations and the developer are verified only in person');
  }
  const owners = namesakes.filter((o) => o.id_key.equals(key));
  if (owners.length === 0) throw new ProblemError('not-verified', 'No owner in the property registry has this name and identity number');

  const live = await liveBindingsOfOwners(trx, owners.map((o) => o.id));
  const strongElsewhere = live.find((b) => b.account_id !== input.accountId && reaches(b.level, 'provider_face'));
  if (strongElsewhere) {
    throw new ProblemError('conflict', 'This owner is already verified on another account by face or in person; ask your residents’ committee to verify you in person');
  }
  const bound: BoundOwner[] = [];
  for (const owner of owners) {
    const current = live.find((b) => b.owner_id === owner.id);
    if (current && current.account_id === input.accountId && reaches(current.level, 'provider_face')) {
      bound.push({ ownerId: owner.id, estateId: owner.estate_id, level: current.level, factor: current.factor });
      continue;
    }
    let mine = current;
    if (current && current.account_id !== input.accountId) {
      await revokeLiveBinding(trx, owner.id, input.now);
      await appendAudit(trx, {
        chain: estateChain(owner.estate_id),
        actor: `account:${input.accountId}`,
        action: 'owner.binding_replaced',
        subject: `owner:${owner.id}`,
        data: { replacedAccountId: current.account_id, replacedLevel: current.level, by: 'provider_face' },
      }, input.now);
      mine = undefined;
    }
    await bindAt(trx, {
      accountId: input.accountId,
      phone: account.phone,
      owner: { id: owner.id, estateId: owner.estate_id, estateName: owner.estate_name, name: check.name },
      current: mine,
      binding: { method: 'face', level: 'provider_face', faceProvider: provider.name, faceReference: outcome.providerReference ?? check.token },
      now: input.now,
    });
    bound.push({ ownerId: owner.id, estateId: owner.estate_id, level: 'provider_face', factor: null });
  }
  return { ok: true, owners: bound };
}
