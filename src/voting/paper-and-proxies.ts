import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { accountForPhone } from '../identity/accounts.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { ProblemError } from '../problems.ts';
import { castBallot, checkBallot, type OrganisedBallot, type Receipt, requireOpen } from './ballots.ts';
import { grantorVoters, resolveVoter, type VoterRef, voterPlaces } from './electorate-lookup.ts';
import { type Choice, requireValidChoice } from './motion-terms.ts';
import { requireMotionTerms } from './motion-terms-store.ts';
import { requireAttachment } from '../attachments/attachments.ts';
import { insertPaperEntry, lockPaperEntry, type PaperEntryRow, paperEntriesOf, storePaperCheck, storePaperDecision } from './paper-ballots-repository.ts';
import { differencesBetween, type PaperDifference, type PaperReading } from './paper-double-entry.ts';
import {
  anyProxyHeld,
  approvedProxiesOfHolder,
  heldProxy,
  insertPendingProxy,
  lockHolderApprovals,
  lockProxy,
  meetingForProxy,
  meetingOfProxy,
  ownerOfEstate,
  proxiesOf,
  proxyBallotCounts,
  type ProxyRow,
  storeProxyApproval,
} from './proxies-repository.ts';

/**
 * Paper ballots (R4.4) and written proxies (R4.3). A paper ballot counts only
 * once a second organiser confirms it; it then stands like any other ballot,
 * and the latest of a voter's ballots stands whatever the channel. A proxy
 * holder votes for the owner who authorised them; the owner's own ballot
 * always prevails.
 */

export interface PaperEntryView {
  id: string;
  motionId: string;
  voterId: string;
  /** The voter's units (building, stair, room), for people to tell whose paper it is. */
  voterUnits: string[];
  choice: unknown;
  spoiled: boolean;
  scan: { url: string; sha256: string };
  /** The owner who signed the paper; null on entries made before it was asked. */
  signedBy: string | null;
  status: 'pending' | 'confirmed' | 'rejected';
  enteredBy: string;
  enteredAt: string;
  decidedBy: string | null;
  ballotId: string | null;
  /** The last second reading of the paper (double entry) while the entry is pending, alike (no differences) or not; else null. */
  check: { choice: unknown; spoiled: boolean; checkedBy: string; checkedAt: string; differences: PaperDifference[] } | null;
}

const readingOf = (choice: unknown, spoiled: boolean): PaperReading => ({ choice: spoiled ? null : (choice as Choice | null), spoiled });

/**
 * An entry as the asker may see it. Double entry is blind: until the entry is
 * decided, its choice is shown only to the organiser who typed it (`viewer`
 * undefined: the one entering or deciding, who may see it). Once a second
 * organiser has read it again, both readings are shown: alike, there is
 * nothing left to be blind to; different, the difference must be seen to be
 * resolved.
 */
export function paperView(r: PaperEntryRow, viewer?: string): PaperEntryView {
  const blind = r.status === 'pending' && viewer !== undefined && viewer !== r.entered_by;
  const check =
    r.status === 'pending' && r.checked_by !== null && r.checked_at !== null
      ? {
          choice: r.check_choice,
          spoiled: r.check_spoiled === true,
          checkedBy: r.checked_by,
          checkedAt: r.checked_at.toISOString(),
          differences: differencesBetween(readingOf(r.choice, r.spoiled), readingOf(r.check_choice, r.check_spoiled === true)),
        }
      : null;
  return {
    id: r.id,
    motionId: r.motion_id,
    voterId: r.voter_id,
    voterUnits: [],
    choice: blind && check === null ? null : r.choice,
    spoiled: r.spoiled,
    scan: { url: r.scan_url, sha256: r.scan_sha256 },
    signedBy: r.signed_by,
    status: r.status,
    enteredBy: r.entered_by,
    enteredAt: r.entered_at.toISOString(),
    decidedBy: r.decided_by,
    ballotId: r.ballot_id,
    check,
  };
}

/** Entries with their voters' units filled in. */
export async function placed(db: Kysely<DB>, meetingId: string, entries: PaperEntryView[]): Promise<PaperEntryView[]> {
  const places = await voterPlaces(db, meetingId, entries.map((e) => e.voterId));
  return entries.map((e) => ({ ...e, voterUnits: places.get(e.voterId) ?? [] }));
}

/** A scan cited by URL and digest, or an attachment kept in the estate (POST /v1/estates/{id}/attachments). */
export type DocumentRef = { url: string; sha256: string } | { attachmentId: string };

/** The URL and SHA-256 a record keeps of its scan; an attachment must be the estate's own. */
export async function documentOf(trx: Kysely<DB>, estateId: string, ref: DocumentRef, path: string): Promise<{ url: string; sha256: string }> {
  if ('url' in ref) return ref;
  const attachment = await requireAttachment(trx, estateId, ref.attachmentId, `${path}.attachmentId`);
  return { url: attachment.url, sha256: attachment.sha256 };
}

/**
 * An organiser enters a signed paper ballot. It is checked now by the rules
 * every ballot is cast under (cast_ballots, writing nothing), and written
 * when a second organiser confirms it.
 */
export async function enterPaperBallot(
  trx: Transaction<DB>,
  input: {
    meetingId: string;
    motionId: string;
    /** The voter id, or one of the voter's units (issue 12). */
    voter: VoterRef;
    choice: Choice | null;
    spoiled: boolean;
    scan: DocumentRef;
    /** The owner who signed the paper: one of the voter's owners. */
    signedBy: string | null;
    accountId: string;
    now: () => Date;
  },
): Promise<PaperEntryView> {
  const { meeting, at } = await requireOpen(trx, input.meetingId, input.now);
  const { motion } = await requireMotionTerms(trx, input.meetingId, input.motionId);
  const voterId = await resolveVoter(trx, input.meetingId, input.motionId, input.voter);
  const ballot = { meetingId: input.meetingId, motionId: input.motionId, voterId, choice: input.choice, spoiled: input.spoiled, accountId: input.accountId };
  await checkBallot(trx, paperBallot({ ...ballot, ownerId: input.signedBy, at }), 'body.signedBy');
  if (!input.spoiled) requireValidChoice(motion, input.choice);
  const scan = await documentOf(trx, meeting.estate_id, input.scan, 'body.scan');
  const row = await insertPaperEntry(trx, {
    motionId: input.motionId,
    voterId,
    choice: JSON.stringify(input.spoiled ? null : input.choice),
    spoiled: input.spoiled,
    scan,
    signedBy: input.signedBy,
    enteredBy: input.accountId,
    enteredAt: at,
  });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor: `account:${input.accountId}`,
    action: 'paper_ballot.entered',
    subject: `paper:${row.id}`,
    data: { motionId: input.motionId, voterId, spoiled: input.spoiled, scanSha256: scan.sha256, signedBy: input.signedBy },
  }, at);
  return (await placed(trx, input.meetingId, [paperView(row)]))[0]!;
}

/** A paper ballot as cast_ballots takes it: the signatory's vote (R4.4), entered by one organiser and confirmed by another. */
const paperBallot = (ballot: Omit<OrganisedBallot, 'channel' | 'proxyId'>): OrganisedBallot => ({ ...ballot, channel: 'paper' });

/** Locks a pending entry of the meeting that `accountId` (not the one who typed it) may read again or decide. */
async function pendingEntryForSecond(trx: Transaction<DB>, meetingId: string, entryId: string, accountId: string): Promise<PaperEntryRow> {
  const entry = await lockPaperEntry(trx, meetingId, entryId);
  if (!entry) throw new ProblemError('not-found', 'No such paper ballot in this meeting');
  if (entry.status !== 'pending') throw new ProblemError('conflict', `This paper ballot is already ${entry.status}`);
  if (entry.entered_by === accountId) {
    throw new ProblemError('forbidden', 'A paper ballot must be read again and confirmed by a second organiser, not the one who entered it');
  }
  return entry;
}

/**
 * The second reading of double entry, kept on the entry: the organiser types the paper
 * again without having seen the first entry, and the service compares. The latest
 * reading replaces an earlier one; alike or not, nothing counts until confirmed.
 */
async function keepSecondReading(
  trx: Transaction<DB>,
  meeting: { id: string; estate_id: string },
  entry: PaperEntryRow,
  reading: PaperReading,
  accountId: string,
  at: Date,
): Promise<{ row: PaperEntryRow; differences: PaperDifference[] }> {
  const { motion } = await requireMotionTerms(trx, meeting.id, entry.motion_id);
  if (!reading.spoiled) requireValidChoice(motion, reading.choice, 'body.choice');
  const differences = differencesBetween(readingOf(entry.choice, entry.spoiled), reading);
  const row = await storePaperCheck(trx, entry.id, {
    choice: JSON.stringify(reading.spoiled ? null : reading.choice),
    spoiled: reading.spoiled,
    checkedBy: accountId,
    checkedAt: at,
  });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor: `account:${accountId}`,
    action: differences.length > 0 ? 'paper_ballot.entries_differ' : 'paper_ballot.entries_match',
    subject: `paper:${entry.id}`,
    data: { fields: differences.map((d) => d.field) },
  }, at);
  return { row, differences };
}
/**
 * A second organiser reads the paper again (double entry, issue 16): blind, they type its
 * choice; the reading is kept on the entry and compared with the first. Alike, the entry
 * may be confirmed (by anyone but the one who typed it first); different, the differences
 * are answered and kept until the paper is read again or the entry rejected.
 */
export async function readPaperAgain(
  trx: Transaction<DB>,
  input: { meetingId: string; entryId: string; accountId: string; reading: PaperReading; now: () => Date },
): Promise<{ entry: PaperEntryView; differences: PaperDifference[] }> {
  const { meeting, at } = await requireOpen(trx, input.meetingId, input.now);
  const entry = await pendingEntryForSecond(trx, input.meetingId, input.entryId, input.accountId);
  const { row, differences } = await keepSecondReading(trx, meeting, entry, input.reading, input.accountId, at);
  return { entry: (await placed(trx, input.meetingId, [paperView(row)]))[0]!, differences };
}

/**
 * The second organiser's decision. Confirming needs a second reading alike with the
 * first: given now (`check`: read and confirm in one step), or kept on the entry from
 * POST …/second-reading by someone other than the first. When they differ nothing counts
 * and the differences are answered. Rejecting records why.
 */
export async function decidePaperBallot(
  trx: Transaction<DB>,
  input: { meetingId: string; entryId: string; accountId: string; confirm: boolean; check?: PaperReading; reason?: string; now: () => Date },
): Promise<{ entry: PaperEntryView; receipt: Receipt | null; differences: PaperDifference[] }> {
  const { meeting, at } = await requireOpen(trx, input.meetingId, input.now);
  let entry = await pendingEntryForSecond(trx, input.meetingId, input.entryId, input.accountId);
  let receipt: Receipt | null = null;
  if (input.confirm) {
    let differences: PaperDifference[];
    if (input.check !== undefined) {
      const kept = await keepSecondReading(trx, meeting, entry, input.check, input.accountId, at);
      entry = kept.row;
      differences = kept.differences;
    } else {
      if (entry.checked_by === null || entry.check_spoiled === null) {
        throw new ProblemError(
          'paper-second-reading-required',
          'Nobody has read this paper ballot again yet: a second organiser enters it again (POST …/second-reading), then it can be confirmed',
        );
      }
      differences = differencesBetween(readingOf(entry.choice, entry.spoiled), readingOf(entry.check_choice, entry.check_spoiled));
    }
    if (differences.length > 0) return { entry: (await placed(trx, input.meetingId, [paperView(entry)]))[0]!, receipt: null, differences };
    const { motion } = await requireMotionTerms(trx, input.meetingId, entry.motion_id);
    const choice = entry.choice as Choice | null;
    if (!entry.spoiled) requireValidChoice(motion, choice);
    receipt = await castBallot(
      trx,
      paperBallot({
        meetingId: input.meetingId,
        motionId: entry.motion_id,
        voterId: entry.voter_id,
        choice,
        spoiled: entry.spoiled,
        accountId: input.accountId,
        ownerId: entry.signed_by,
        paperEntryId: entry.id,
        at,
      }),
    );
  }
  const row = await storePaperDecision(trx, entry.id, {
    status: input.confirm ? 'confirmed' : 'rejected',
    decidedBy: input.accountId,
    decidedAt: at,
    ballotId: receipt?.ballotId ?? null,
  });
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor: `account:${input.accountId}`,
    action: input.confirm ? 'paper_ballot.confirmed' : 'paper_ballot.rejected',
    subject: `paper:${entry.id}`,
    data: { ballotId: receipt?.ballotId ?? null, reason: input.reason ?? null, doubleEntry: input.confirm, checkedBy: input.confirm ? entry.checked_by : null },
  }, at);
  return { entry: (await placed(trx, input.meetingId, [paperView(row)]))[0]!, receipt, differences: [] };
}

export interface ProxyView {
  id: string;
  meetingId: string;
  grantorOwnerId: string;
  holderAccountId: string;
  instructions: Record<string, unknown> | null;
  document: { url: string; sha256: string };
  status: ProxyStatus;
  registeredAt: string;
  /**
   * The voters the grantor belongs to on each motion, once voting is open:
   * the voter ids the holder casts for (a co-owner may be in more than one head).
   */
  voters: { motionId: string; voterId: string; units: string[]; area: string }[];
  /** How it ended, once rejected or revoked: when, by whom, why, and the written revocation's scan. */
  ending: {
    at: string;
    by: string;
    reason: string | null;
    /** Revoked by the grantor themselves, from the owner app. */
    byGrantor: boolean;
    document: { url: string; sha256: string } | null;
  } | null;
  /** Ballots the holder cast under it (every version), and how many of them stand now. */
  ballots: { cast: number; standing: number };
  /** What an organiser may do with it now (the service's rules, for the console's buttons). */
  may: { approve: boolean; reject: boolean; revoke: boolean };
}

export type ProxyStatus = 'pending' | 'approved' | 'rejected' | 'revoked';

/** A proxy is rejected or revoked only while it is live and its meeting still takes proxies: noticed, or open. */
const live = (status: ProxyStatus) => status === 'pending' || status === 'approved';
const takesProxies = (meetingStatus: string) => meetingStatus === 'noticed' || meetingStatus === 'open';

/**
 * What may be done with a proxy: approve a pending one; reject a live one nobody has voted
 * under yet (once used, the owner's authorisation was acted on: it can only be revoked);
 * revoke a live one, used or not (R4.3). All while the meeting is noticed or open.
 */
export function proxyActions(status: ProxyStatus, meetingStatus: string, ballotsCast: number): ProxyView['may'] {
  const open = takesProxies(meetingStatus) && live(status);
  return { approve: open && status === 'pending', reject: open && ballotsCast === 0, revoke: open };
}

export function proxyView(r: ProxyRow, meetingStatus: string, ballots: ProxyView['ballots'] = { cast: 0, standing: 0 }): ProxyView {
  return {
    id: r.id,
    meetingId: r.meeting_id,
    grantorOwnerId: r.grantor_owner_id,
    holderAccountId: r.holder_account_id,
    instructions: (r.instructions as Record<string, unknown> | null) ?? null,
    document: { url: r.document_url, sha256: r.document_sha256 },
    status: r.status,
    registeredAt: r.registered_at.toISOString(),
    voters: [],
    ending:
      r.ended_at === null || r.ended_by === null
        ? null
        : {
            at: r.ended_at.toISOString(),
            by: r.ended_by,
            reason: r.end_reason,
            byGrantor: r.revoked_by_owner !== null,
            document: r.revocation_document_url === null || r.revocation_document_sha256 === null ? null : { url: r.revocation_document_url, sha256: r.revocation_document_sha256 },
          },
    ballots,
    may: proxyActions(r.status, meetingStatus, ballots.cast),
  };
}

/** The proxies with their grantors' voters (empty before voting opens) and the ballots cast under them. */
export async function withVoters(db: Kysely<DB>, meetingId: string, proxies: ProxyView[], meetingStatus: string): Promise<ProxyView[]> {
  const [voters, counts] = await Promise.all([
    grantorVoters(db, meetingId, proxies.map((p) => p.grantorOwnerId)),
    proxyBallotCounts(db, proxies.map((p) => p.id)),
  ]);
  return proxies.map((p) => {
    const ballots = counts.get(p.id) ?? { cast: 0, standing: 0 };
    return { ...p, voters: voters.get(p.grantorOwnerId) ?? [], ballots, may: proxyActions(p.status, meetingStatus, ballots.cast) };
  });
}

/** An organiser registers the owner's written authorisation (委托书), optionally binding the holder to the owner's choices. */
export async function registerProxy(
  trx: Transaction<DB>,
  input: {
    meetingId: string;
    grantorOwnerId: string;
    holderPhone: string;
    instructions: Record<string, Choice> | null;
    document: DocumentRef;
    accountId: string;
    now: Date;
  },
): Promise<ProxyView> {
  const meeting = await meetingForProxy(trx, input.meetingId);
  if (!['noticed', 'open'].includes(meeting.status)) throw new ProblemError('conflict', `Proxies are registered for a noticed or open meeting; this one is ${meeting.status}`);
  const grantor = await ownerOfEstate(trx, input.grantorOwnerId, meeting.estate_id);
  if (!grantor) throw new ProblemError('not-found', 'No such owner in this estate');
  for (const [motionId, choice] of Object.entries(input.instructions ?? {})) {
    requireValidChoice((await requireMotionTerms(trx, input.meetingId, motionId)).motion, choice, `body.instructions.${motionId}`);
  }
  const document = await documentOf(trx, meeting.estate_id, input.document, 'body.document');
  const holder = await accountForPhone(trx, input.holderPhone);
  const row = await insertPendingProxy(trx, {
    meetingId: input.meetingId,
    grantorOwnerId: grantor.id,
    holderAccountId: holder.id,
    instructions: input.instructions === null ? null : JSON.stringify(input.instructions),
    document,
    registeredBy: input.accountId,
    registeredAt: input.now,
  });
  if (!row) throw new ProblemError('conflict', 'This owner already has a proxy for this meeting');
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor: `account:${input.accountId}`,
    action: 'proxy.registered',
    subject: `proxy:${row.id}`,
    data: { meetingId: input.meetingId, grantorOwnerId: grantor.id, holderAccountId: holder.id, bound: input.instructions !== null },
  }, input.now);
  return (await withVoters(trx, input.meetingId, [proxyView(row, meeting.status)], meeting.status))[0]!;
}

/** Approval checks the estate's limit on proxies one holder may carry (maxProxiesPerHolder). */
export async function approveProxy(trx: Transaction<DB>, input: { meetingId: string; proxyId: string; accountId: string; now: Date }): Promise<ProxyView> {
  const proxy = await lockProxy(trx, input.meetingId, input.proxyId);
  if (!proxy) throw new ProblemError('not-found', 'No such proxy for this meeting');
  if (proxy.status !== 'pending') throw new ProblemError('conflict', `This proxy is already ${proxy.status}`);
  const meeting = await meetingOfProxy(trx, input.meetingId);
  if (!takesProxies(meeting.status)) throw new ProblemError('conflict', `Proxies are approved for a noticed or open meeting; this one is ${meeting.status}`);
  const max = (await estateSettingsOf(trx, meeting.estate_id)).settings.maxProxiesPerHolder;
  // Serialise approvals for one holder so two at once cannot both pass the limit.
  await lockHolderApprovals(trx, input.meetingId, proxy.holder_account_id);
  const approved = await approvedProxiesOfHolder(trx, input.meetingId, proxy.holder_account_id);
  if (approved >= max) throw new ProblemError('conflict', `This holder already carries ${max} proxies, the estate's limit (maxProxiesPerHolder)`);
  const row = await storeProxyApproval(trx, proxy.id, input.accountId, input.now);
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor: `account:${input.accountId}`,
    action: 'proxy.approved',
    subject: `proxy:${proxy.id}`,
    data: {},
  }, input.now);
  return (await withVoters(trx, input.meetingId, [proxyView(row, meeting.status)], meeting.status))[0]!;
}

/** A rejected or revoked proxy carries no vote any more (R4.3). */
export const proxyEnded = (status: 'rejected' | 'revoked') =>
  new ProblemError(
    'proxy-ended',
    status === 'revoked'
      ? 'The owner has revoked this proxy: it carries their vote no more. Ballots cast under it before stand until the owner votes'
      : 'The organisers rejected this proxy: it never carried the owner’s vote',
    { proxyStatus: status },
  );

/** The holder casts for the grantor: bound instructions are enforced, and the owner's own ballot prevails. */
export async function castProxyBallot(
  trx: Transaction<DB>,
  input: { meetingId: string; motionId: string; voter: VoterRef; proxyId: string; choice: Choice; accountId: string; now: () => Date },
): Promise<Receipt> {
  const { at } = await requireOpen(trx, input.meetingId, input.now);
  const proxy = await heldProxy(trx, input.meetingId, input.proxyId, input.accountId);
  if (proxy && (proxy.status === 'rejected' || proxy.status === 'revoked')) throw proxyEnded(proxy.status);
  if (!proxy || proxy.status !== 'approved') throw new ProblemError('forbidden', 'You hold no approved proxy with this id for this meeting');
  const voterId = await resolveVoter(trx, input.meetingId, input.motionId, input.voter);
  const instructed = (proxy.instructions as Record<string, unknown> | null)?.[input.motionId];
  if (instructed !== undefined && JSON.stringify(instructed) !== JSON.stringify(input.choice)) {
    throw new ProblemError('forbidden', 'The owner’s written instructions fix this choice; the proxy must vote as instructed');
  }
  requireValidChoice((await requireMotionTerms(trx, input.meetingId, input.motionId)).motion, input.choice);
  // The grantor must be one of the voter's owners, and their co-owners' representative (R1.4); the owner's own ballot prevails.
  return castBallot(trx, {
    meetingId: input.meetingId,
    motionId: input.motionId,
    voterId,
    channel: 'proxy',
    choice: input.choice,
    spoiled: false,
    accountId: input.accountId,
    ownerId: proxy.grantor_owner_id,
    proxyId: proxy.id,
    at,
  });
}

/**
 * Whether the account holds a proxy for the meeting, in any state. A holder
 * need own nothing in the estate, yet knows the meeting exists: to them it is
 * not hidden.
 */
export async function holdsProxyFor(db: Kysely<DB>, meetingId: string, accountId: string): Promise<boolean> {
  return anyProxyHeld(db, meetingId, accountId);
}

export async function listProxies(db: Kysely<DB>, meeting: { id: string; status: string }, holderAccountId?: string): Promise<ProxyView[]> {
  const rows = await proxiesOf(db, meeting.id, holderAccountId);
  return withVoters(db, meeting.id, rows.map((r) => proxyView(r, meeting.status)), meeting.status);
}

/** The meeting's entries as `viewer` (an account) may see them: pending choices blind but to whoever typed them. */
export async function listPaperEntries(db: Kysely<DB>, meetingId: string, viewer: string): Promise<PaperEntryView[]> {
  return placed(db, meetingId, (await paperEntriesOf(db, meetingId)).map((row) => paperView(row, viewer)));
}
