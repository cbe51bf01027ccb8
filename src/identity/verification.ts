import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { ProblemError } from '../problems.ts';
import { notifyBodies } from '../notifications/outbox.ts';
import { accountForPhone } from './accounts.ts';
import { identityKey } from '../registry/identity-key.ts';
import { maskName } from '../lib/mask.ts';
import { estateColumns } from '../places/estates-repository.ts';
import { normaliseIdNumber } from '../registry/id-number.ts';
import type { IdDocType } from '../registry/types.ts';
import { insertLiveBinding, liveBindingsOfOwners, raiseBinding, revokeLiveBinding } from './owner-bindings-repository.ts';
import { type AssuranceLevel, reaches, type RegistryFactor, selfLevel } from './assurance.ts';
import { tellOwnerOfBinding } from './binding-notice.ts';
import { certificateKey, normaliseCertificateNumber } from '../registry/certificate.ts';
import {
  failedAttemptsSince,
  insertOwnerFailures,
  insertVerificationAttempt,
  lockAccountForVerification,
  lockVerificationAddress,
  lockVerificationOwner,
  ownerFailureCounts,
  ownerFailuresSince,
  ownerInEstate,
  ownersHoldingCertificate,
  registryOwnersNamed,
} from './verification-repository.ts';

/**
 * Binding an account to registry owners: "a vote from an identity-verified
 * owner account counts as the owner's own vote" (seed 004 §23).
 */

export const VERIFICATION_LOCK = {
  /** Failed attempts of one account within the window that lock its self-verification… */
  maxFailures: 5,
  windowMs: 15 * 60_000,
  /** …failures naming one owner are counted over a day, whichever accounts and addresses made them… */
  ownerWindowMs: 24 * 3_600_000,
  /** …and failures from one client address over an hour. */
  addressWindowMs: 3_600_000,
} as const;

/** Set by the installation (README: VERIFICATION_FAILURES_PER_OWNER, VERIFICATION_FAILURES_PER_ADDRESS). */
export interface VerificationLimits {
  failuresPerOwner: number;
  failuresPerAddressPerHour: number;
}

export interface BoundOwner {
  ownerId: string;
  estateId: string;
  /** The binding's level after this verification (a stronger one already held is kept). */
  level: AssuranceLevel;
  factor: RegistryFactor | null;
}

/** Names compare after trimming and collapsing inner spaces; nothing else is forgiven. */
export function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

export type SelfVerification =
  | { ok: true; owners: BoundOwner[] }
  | { ok: false; reason: 'no_match' | 'locked'; retryAfterMs?: number }
  | { ok: false; reason: 'bound_elsewhere' | 'in_person_only' };

interface Namesake {
  id: string;
  estate_id: string;
  estate_name: string;
  kind: 'person' | 'organisation';
  id_key: Buffer;
  phone: string | null;
  developer: boolean;
}

/**
 * Binds the account to every registry owner with this name and identity
 * number, in any estate. A mismatch says nothing about which field was wrong.
 * The caller commits the attempt record even when the answer is a refusal.
 *
 * The level reached (issue 14), per owner: registry_factor when a second
 * factor from the registry agrees — the property certificate number given is
 * one the registry records for that owner (a given number that matches none
 * of them is a failed attempt, like a wrong identity number: it is a secret
 * to guess), or else the login phone is the owner's phone on record —
 * otherwise knowledge. An owner already bound to this account at a lower
 * level is raised (audited); a stronger binding is kept as it is.
 *
 * Guessing an identity number is limited three ways: per account, per client
 * address, and per owner named — a wrong number for a registry name counts
 * against every owner of that name, so guesses spread over many accounts
 * still lock the owner (and the owner's committee is told). A locked name is
 * refused before its number is compared: otherwise the answer to the right
 * number would differ, and the lock would be an oracle.
 *
 * Organisations and the developer are never bound this way (R5.2): their
 * name and credit code are printed on every business licence.
 */
export async function verifySelf(
  trx: Transaction<DB>,
  input: {
    accountId: string;
    name: string;
    idType: IdDocType;
    idNumber: string;
    /** 不动产权证书号, the optional second factor. */
    certificateNumber?: string | null | undefined;
    hmacKey: Buffer;
    ip: string;
    limits: VerificationLimits;
    now: Date;
  },
): Promise<SelfVerification> {
  const now = input.now.getTime();
  if (input.idType === 'uscc') return { ok: false, reason: 'in_person_only' };
  // Lock the account's row so concurrent attempts are counted one after another…
  const account = await lockAccountForVerification(trx, input.accountId);
  const failures = await failedAttemptsSince(trx, 'account_id', input.accountId, new Date(now - VERIFICATION_LOCK.windowMs));
  const accountLock = lockedFor(failures, VERIFICATION_LOCK.maxFailures, VERIFICATION_LOCK.windowMs, now);
  if (accountLock !== null) return { ok: false, reason: 'locked', retryAfterMs: accountLock };
  // …and so are those of one address.
  await lockVerificationAddress(trx, input.ip);
  const fromAddress = await failedAttemptsSince(trx, 'ip', input.ip, new Date(now - VERIFICATION_LOCK.addressWindowMs));
  const addressLock = lockedFor(fromAddress, input.limits.failuresPerAddressPerHour, VERIFICATION_LOCK.addressWindowMs, now);
  if (addressLock !== null) return { ok: false, reason: 'locked', retryAfterMs: addressLock };

  const name = normaliseName(input.name);
  const namesakes = await ownersNamed(trx, name);
  if (namesakes.some((o) => o.kind === 'organisation' || o.developer)) return { ok: false, reason: 'in_person_only' };
  // One attempt at a time per owner named, so the per-owner count is exact.
  for (const o of namesakes) await lockVerificationOwner(trx, o.id);
  const locked = await ownerLocks(trx, namesakes.map((o) => o.id), input.limits.failuresPerOwner, input.now);
  if (locked.length > 0) {
    return { ok: false, reason: 'locked', retryAfterMs: Math.max(...locked.map((l) => l.until.getTime())) - now };
  }

  const number = normaliseIdNumber(input.idType, input.idNumber);
  const key = number.ok ? Buffer.from(identityKey(input.hmacKey, input.idType, number.value), 'hex') : null;
  const owners = key ? namesakes.filter((o) => o.id_key.equals(key)) : [];
  const record = (succeeded: boolean) => insertVerificationAttempt(trx, { account_id: input.accountId, succeeded, at: input.now, ip: input.ip });
  const certificate = input.certificateNumber ? normaliseCertificateNumber(input.certificateNumber) : '';
  const certified =
    certificate === '' || owners.length === 0
      ? new Set<string>()
      : new Set(await ownersHoldingCertificate(trx, owners.map((o) => o.id), Buffer.from(certificateKey(input.hmacKey, certificate), 'hex')));
  if (owners.length === 0 || (certificate !== '' && certified.size === 0)) {
    await record(false);
    await recordOwnerFailures(trx, namesakes, { ...input, name });
    return { ok: false, reason: 'no_match' };
  }

  // Check every match before binding any, so a refusal never leaves half the owners bound.
  const live = await liveBindingsOfOwners(trx, owners.map((o) => o.id));
  if (live.some((b) => b.account_id !== input.accountId)) return { ok: false, reason: 'bound_elsewhere' };
  const bound: BoundOwner[] = [];
  for (const owner of owners) {
    const factor: RegistryFactor | null = certified.has(owner.id) ? 'property_certificate' : owner.phone === account.phone ? 'phone' : null;
    const level = selfLevel(factor);
    const mine = live.find((b) => b.owner_id === owner.id);
    if (mine && reaches(mine.level, level)) {
      bound.push({ ownerId: owner.id, estateId: owner.estate_id, level: mine.level, factor: mine.factor });
      continue;
    }
    await bindAt(trx, {
      accountId: input.accountId,
      phone: account.phone,
      owner: { id: owner.id, estateId: owner.estate_id, estateName: owner.estate_name, name },
      current: mine,
      binding: { method: 'self', level, factor },
      now: input.now,
    });
    bound.push({ ownerId: owner.id, estateId: owner.estate_id, level, factor });
  }
  await record(true);
  return { ok: true, owners: bound };
}

/** How a binding is being established: what owner_bindings records of it. */
export type Establishment =
  | { method: 'self'; level: 'knowledge' | 'registry_factor'; factor: RegistryFactor | null }
  | { method: 'face'; level: 'provider_face'; faceProvider: string; faceReference: string | null };

/**
 * Binds the account to the owner at this level: a new binding (audited
 * `owner.verified`; the owner is told by SMS), or the account's own live
 * binding raised (audited `owner.assurance_raised`). The caller checked that
 * no other account holds the owner and that `current`, if any, is weaker.
 */
export async function bindAt(
  trx: Transaction<DB>,
  b: {
    accountId: string;
    phone: string;
    owner: { id: string; estateId: string; estateName: string; name: string };
    current: { id: string; level: AssuranceLevel } | undefined;
    binding: Establishment;
    now: Date;
  },
): Promise<void> {
  const e = b.binding;
  const how =
    e.method === 'self'
      ? { method: e.method, level: e.level, factor: e.factor, face_provider: null, face_reference: null }
      : { method: e.method, level: e.level, factor: null, face_provider: e.faceProvider, face_reference: e.faceReference };
  const chain = estateChain(b.owner.estateId);
  const actor = `account:${b.accountId}`;
  const recorded = { accountId: b.accountId, method: how.method, level: how.level, factor: how.factor, faceProvider: how.face_provider };
  if (b.current) {
    await raiseBinding(trx, b.current.id, how);
    await appendAudit(trx, { chain, actor, action: 'owner.assurance_raised', subject: `owner:${b.owner.id}`, data: { ...recorded, from: b.current.level } }, b.now);
    return;
  }
  const inserted = await insertLiveBinding(trx, { account_id: b.accountId, owner_id: b.owner.id, ...how });
  // Another account bound this owner a moment ago: give up the whole attempt.
  if (!inserted) throw new ProblemError('conflict', 'This owner was just verified on another account', { reason: 'verified-elsewhere' });
  await appendAudit(trx, { chain, actor, action: 'owner.verified', subject: `owner:${b.owner.id}`, data: recorded }, b.now);
  await tellOwnerOfBinding(trx, {
    estateId: b.owner.estateId,
    estateName: b.owner.estateName,
    ownerId: b.owner.id,
    ownerName: b.owner.name,
    bindingId: inserted.id,
    phone: b.phone,
    level: how.level,
    now: b.now,
  });
}

/**
 * How long until fewer than `max` of these failures (oldest first) lie within the window —
 * the wait before another attempt counts — or null when fewer already do.
 */
function lockedFor(failures: { at: Date }[], max: number, windowMs: number, now: number): number | null {
  if (failures.length < max) return null;
  return failures[failures.length - max]!.at.getTime() + windowMs - now;
}

/** Registry owners of this name in any estate, and whether each holds the developer's units. */
async function ownersNamed(trx: Kysely<DB>, name: string): Promise<Namesake[]> {
  const rows = await registryOwnersNamed(trx, name);
  return rows.map((r) => ({ ...r, developer: Boolean(r.developer) }));
}

/** Owners among these with `limit` failures or more in the last day, and when each lock ends. */
async function ownerLocks(trx: Kysely<DB>, ownerIds: string[], limit: number, now: Date): Promise<{ ownerId: string; until: Date }[]> {
  if (ownerIds.length === 0) return [];
  const rows = await ownerFailuresSince(trx, ownerIds, new Date(now.getTime() - VERIFICATION_LOCK.ownerWindowMs));
  const byOwner = new Map<string, { at: Date }[]>();
  for (const r of rows) {
    const failures = byOwner.get(r.owner_id) ?? [];
    failures.push(r);
    byOwner.set(r.owner_id, failures);
  }
  const locks: { ownerId: string; until: Date }[] = [];
  for (const [ownerId, failures] of byOwner) {
    const wait = lockedFor(failures, limit, VERIFICATION_LOCK.ownerWindowMs, now.getTime());
    if (wait !== null) locks.push({ ownerId, until: new Date(now.getTime() + wait) });
  }
  return locks;
}

/**
 * A wrong number for a registry name counts against every owner of that
 * name. The failure that locks an owner tells the owner's committee (the
 * notifications outbox) and enters the estate's audit chain.
 */
async function recordOwnerFailures(
  trx: Transaction<DB>,
  namesakes: Namesake[],
  input: { accountId: string; ip: string; name: string; limits: VerificationLimits; now: Date },
): Promise<void> {
  if (namesakes.length === 0) return;
  await insertOwnerFailures(trx, namesakes.map((o) => ({ owner_id: o.id, account_id: input.accountId, ip: input.ip, at: input.now })));
  const since = new Date(input.now.getTime() - VERIFICATION_LOCK.ownerWindowMs);
  const counts = await ownerFailureCounts(trx, namesakes.map((o) => o.id), since);
  const limit = input.limits.failuresPerOwner;
  for (const c of counts) {
    // Exactly at the limit: this failure is the one that locked the owner (counts are serialised per owner).
    if (Number(c.failures) !== limit) continue;
    const owner = namesakes.find((o) => o.id === c.owner_id)!;
    await notifyBodies(trx, ['committee'], {
      estateId: owner.estate_id,
      topic: 'owner.verification_locked',
      kind: 'verification_locked',
      params: { estate: (await estateColumns(trx, owner.estate_id, ['name'])).name, owner: maskName(input.name) },
      subjectId: owner.id,
      ownerId: owner.id,
      body:
        `【身份核验已锁定】业主 ${maskName(input.name)} 的在线身份核验在 24 小时内失败 ${limit} 次` +
        `（${c.accounts} 个账号、${c.addresses} 个网络地址），已暂停 24 小时。` +
        '如非业主本人所为，可能有人在冒充该业主；请提醒业主携带身份证件到现场核验。',
      now: input.now,
    });
    await appendAudit(trx, {
      chain: estateChain(owner.estate_id),
      actor: 'system',
      action: 'owner.verification_locked',
      subject: `owner:${owner.id}`,
      data: { failures: limit, windowHours: 24, accounts: Number(c.accounts), addresses: Number(c.addresses) },
    }, input.now);
  }
}

/** What staff record when an organisation or the developer is verified in person. */
export interface OrganisationEvidence {
  /** The 统一社会信用代码 printed on the business licence seen. */
  licenceCreditCode: string;
  representative: {
    name: string;
    capacity: 'legal_representative' | 'authorised_agent';
    idType: Exclude<IdDocType, 'uscc'>;
    idNumber: string;
  };
}

function invalidField(path: string, message: string): ProblemError {
  return new ProblemError('validation-failed', `${path}: ${message}`, { errors: [{ path, message }] });
}

/**
 * Staff or committee saw the owner's document in person and bind the owner to
 * the account of the given phone, at the level in_person (issue 14: for an
 * organisation or the developer the only level there is). A previous binding of that owner to another
 * account is revoked: the person in front of the desk is the owner.
 *
 * An organisation or the developer (the owner of developer-held units) is
 * bound only with `organisation`: the business licence seen, whose credit
 * code must be the registry's, and the representative who came, whose
 * identity number is kept only as an HMAC and its last four characters.
 */
export async function verifyInPerson(
  trx: Transaction<DB>,
  input: {
    estateId: string;
    ownerId: string;
    phone: string;
    documentType: IdDocType;
    documentNote: string | null;
    organisation: OrganisationEvidence | null;
    /** Whether the caller may verify an organisation or the developer (township staff, admins). */
    mayVerifyOrganisations: boolean;
    hmacKey: Buffer;
    verifiedBy: string;
    now: Date;
  },
): Promise<{ accountId: string; replaced: string | null }> {
  const owner = await ownerInEstate(trx, input.ownerId, input.estateId);
  if (!owner) throw new ProblemError('not-found', 'No such owner in this estate');
  const corporate = owner.kind === 'organisation' || Boolean(owner.developer);
  let evidence: {
    licence_key: Buffer;
    representative_name: string;
    representative_capacity: 'legal_representative' | 'authorised_agent';
    representative_id_type: string;
    representative_id_key: Buffer;
    representative_id_tail: string;
  } | null = null;
  if (corporate) {
    if (!input.mayVerifyOrganisations) {
      throw new ProblemError('forbidden', 'Organisations and the developer are verified in person by township staff', { reason: 'organisation-by-township' });
    }
    const org = input.organisation;
    if (!org) {
      throw invalidField('body.organisation', 'required for an organisation or the developer: the business licence seen and the representative who came');
    }
    const licence = normaliseIdNumber('uscc', org.licenceCreditCode);
    if (!licence.ok) throw invalidField('body.organisation.licenceCreditCode', licence.message);
    const licenceKey = Buffer.from(identityKey(input.hmacKey, 'uscc', licence.value), 'hex');
    if (owner.id_type === 'uscc' && !licenceKey.equals(owner.id_key)) {
      throw new ProblemError('not-verified', 'The credit code on the business licence is not the one the property registry records for this owner', { reason: 'credit-code-mismatch' });
    }
    const rep = normaliseIdNumber(org.representative.idType, org.representative.idNumber);
    if (!rep.ok) throw invalidField('body.organisation.representative.idNumber', rep.message);
    evidence = {
      licence_key: licenceKey,
      representative_name: normaliseName(org.representative.name),
      representative_capacity: org.representative.capacity,
      representative_id_type: org.representative.idType,
      representative_id_key: Buffer.from(identityKey(input.hmacKey, org.representative.idType, rep.value), 'hex'),
      representative_id_tail: rep.value.slice(-4),
    };
  } else if (input.organisation) {
    throw invalidField('body.organisation', 'only for an organisation or the developer; this owner is a person');
  }
  const account = await accountForPhone(trx, input.phone);
  const previous = await revokeLiveBinding(trx, owner.id, input.now);
  const binding = await insertLiveBinding(trx, {
    account_id: account.id,
    owner_id: owner.id,
    method: 'in_person',
    level: 'in_person',
    verified_by: input.verifiedBy,
    document_type: input.documentType,
    document_note: input.documentNote,
    ...evidence,
  });
  if (!binding) throw new ProblemError('conflict', 'This owner is being verified by someone else at this moment; try again', { reason: 'verification-busy' });
  const replaced = previous && previous.account_id !== account.id ? previous.account_id : null;
  await appendAudit(trx, {
    chain: estateChain(input.estateId),
    actor: `account:${input.verifiedBy}`,
    action: 'owner.verified',
    subject: `owner:${owner.id}`,
    data: {
      accountId: account.id,
      method: 'in_person',
      level: 'in_person',
      documentType: input.documentType,
      replacedAccountId: replaced,
      ...(evidence && {
        licenceSeen: true,
        representative: {
          name: maskName(evidence.representative_name),
          capacity: evidence.representative_capacity,
          idType: evidence.representative_id_type,
          idTail: evidence.representative_id_tail,
        },
      }),
    },
  }, input.now);
  // A phone new to this owner: the owner is told (staff re-verifying the same phone tells nobody anything new).
  if (previous?.account_id !== account.id) {
    await tellOwnerOfBinding(trx, {
      estateId: input.estateId,
      estateName: owner.estate_name,
      ownerId: owner.id,
      ownerName: owner.name,
      bindingId: binding.id,
      phone: input.phone,
      level: 'in_person',
      now: input.now,
    });
  }
  return { accountId: account.id, replaced };
}
