import type { Kysely, Transaction } from 'kysely';
import { appendAudit, estateChain } from '../audit/audit-log.ts';
import type { DB } from '../db/schema.ts';
import { reaches } from '../identity/assurance.ts';
import { maskName, maskPhone } from '../lib/mask.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import { ProblemError } from '../problems.ts';
import { type DocumentRef, documentOf, proxyEnded, type ProxyView, proxyView, withVoters } from './paper-and-proxies.ts';
import { type ProxyEnding as HolderNotice, tellHolderOfEnding } from './proxy-ending-notice.ts';
import { ballotsUnderProxy, type EndingToStore, endedProxiesOfMeeting, lockGrantedProxy, lockProxy, meetingOfProxy, type ProxyRow, storeProxyEnding } from './proxies-repository.ts';

/**
 * How a written proxy (R4.3) ends (issue 16). An organiser rejects one that should never have
 * counted — with the reason — as long as nobody has voted under it. The owner takes back their
 * authorisation: from the owner app, or in writing, recorded by an organiser with its scan.
 *
 * What a revocation does to ballots: the domain says only that "a ballot the owner casts
 * personally overrides the proxy's". So a revocation looks forward: from it on, the holder
 * casts nothing more under the proxy (castProxyBallot reads it revoked, under the row lock
 * this takes); a proxy ballot already standing stays, like every ballot (invariant 1), until
 * the owner's own later ballot replaces it, as any later ballot does (R4.4, the latest stands).
 * The answer says how many stand, so the owner can be told to vote.
 */

/** A live proxy of a meeting that still takes proxies; else the refusal. */
function requireLive(proxy: ProxyRow, meeting: { status: string }): void {
  if (proxy.status === 'rejected' || proxy.status === 'revoked') throw proxyEnded(proxy.status);
  if (meeting.status !== 'noticed' && meeting.status !== 'open') {
    throw new ProblemError('conflict', `Voting on this meeting is over (it is ${meeting.status}): its proxies stay as they were`);
  }
}

/**
 * The tail every ending shares: store it, read the proxy back as the answer (with the ballots
 * that still stand under it), audit it on the estate's chain and tell the holder
 * (proxy-ending-notice.ts). What the audit and the holder are told is made from the answer, so a
 * revocation can say how many ballots stand. The grantor, who may have done it, sees it in the
 * answer and on their page of the proxy.
 */
async function recordEnding(
  trx: Transaction<DB>,
  proxy: ProxyRow,
  meeting: { estate_id: string; status: string },
  ending: EndingToStore,
  said: { action: 'proxy.rejected' | 'proxy.revoked'; audit: (view: ProxyView) => Record<string, unknown>; holder: (view: ProxyView) => HolderNotice },
): Promise<ProxyView> {
  const row = await storeProxyEnding(trx, proxy.id, ending);
  const view = (await withVoters(trx, row.meeting_id, [proxyView(row, meeting.status)], meeting.status))[0]!;
  await appendAudit(trx, {
    chain: estateChain(meeting.estate_id),
    actor: `account:${ending.endedBy}`,
    action: said.action,
    subject: `proxy:${proxy.id}`,
    data: said.audit(view),
  }, ending.endedAt);
  await tellHolderOfEnding(trx, proxy, said.holder(view), ending.endedAt);
  return view;
}

/** An organiser rejects a registered proxy before it is used, saying why (a signature that does not match, a missing page…). */
export async function rejectProxy(trx: Transaction<DB>, input: { meetingId: string; proxyId: string; reason: string; accountId: string; now: Date }): Promise<ProxyView> {
  const proxy = await lockProxy(trx, input.meetingId, input.proxyId);
  if (!proxy) throw new ProblemError('not-found', 'No such proxy for this meeting');
  const meeting = await meetingOfProxy(trx, input.meetingId);
  requireLive(proxy, meeting);
  // A ballot cast under the proxy holds the row lock (for share) until it commits: after this lock, every one is seen.
  const ballots = await ballotsUnderProxy(trx, proxy.id);
  if (ballots > 0) {
    throw new ProblemError(
      'proxy-used',
      'The holder has already voted under this proxy: it can no longer be rejected. Record the owner’s written revocation instead (POST …/revocation)',
      { ballots },
    );
  }
  return recordEnding(trx, proxy, meeting, { status: 'rejected', endedBy: input.accountId, endedAt: input.now, reason: input.reason, revokedByOwner: null, document: null }, {
    action: 'proxy.rejected',
    audit: () => ({ meetingId: input.meetingId, reason: input.reason, was: proxy.status }),
    holder: () => ({ how: 'rejected', reason: input.reason }),
  });
}

/** An organiser records the owner's written revocation (its scan), used or not. */
export async function recordProxyRevocation(
  trx: Transaction<DB>,
  input: { meetingId: string; proxyId: string; document: DocumentRef; reason: string | null; accountId: string; now: Date },
): Promise<ProxyView> {
  const proxy = await lockProxy(trx, input.meetingId, input.proxyId);
  if (!proxy) throw new ProblemError('not-found', 'No such proxy for this meeting');
  const meeting = await meetingOfProxy(trx, input.meetingId);
  requireLive(proxy, meeting);
  const document = await documentOf(trx, meeting.estate_id, input.document, 'body.document');
  return recordEnding(trx, proxy, meeting, { status: 'revoked', endedBy: input.accountId, endedAt: input.now, reason: input.reason, revokedByOwner: null, document }, {
    action: 'proxy.revoked',
    audit: (view) => ({ meetingId: input.meetingId, by: 'written_revocation', documentSha256: document.sha256, reason: input.reason, was: proxy.status, ballotsStanding: view.ballots.standing }),
    holder: (view) => ({ how: 'revoked_in_writing', reason: input.reason, ballotsStanding: view.ballots.standing }),
  });
}

/**
 * The grantor revokes their proxy from the owner app. Only an account bound to the grantor,
 * at the level of assurance the meeting takes online votes from: taking an owner's proxy away
 * is as weighty as voting for them, and a weaker binding (name and identity number alone) must
 * not silence an owner's chosen holder. Anyone else learns nothing of the proxy (404).
 */
export async function revokeOwnProxy(trx: Transaction<DB>, input: { proxyId: string; reason: string | null; accountId: string; now: Date }): Promise<ProxyView> {
  const proxy = await lockGrantedProxy(trx, input.proxyId, input.accountId);
  if (!proxy) throw new ProblemError('not-found', 'No such proxy given by an owner you are verified as');
  const meeting = await meetingOfProxy(trx, proxy.meeting_id);
  const required = meeting.min_assurance ?? (await estateSettingsOf(trx, meeting.estate_id)).settings.minimumAssurance;
  if (!reaches(proxy.grantor_level, required)) {
    throw new ProblemError(
      'assurance-too-low',
      'Your verification is not strong enough to revoke this proxy here. Verify again with the property certificate number or face verification, or give the organisers a signed written revocation',
    );
  }
  const { grantor_level: _level, ...row } = proxy;
  requireLive(row, meeting);
  return recordEnding(trx, row, meeting, { status: 'revoked', endedBy: input.accountId, endedAt: input.now, reason: input.reason, revokedByOwner: proxy.grantor_owner_id, document: null }, {
    action: 'proxy.revoked',
    audit: (view) => ({ meetingId: proxy.meeting_id, by: 'grantor', ownerId: proxy.grantor_owner_id, reason: input.reason, was: proxy.status, ballotsStanding: view.ballots.standing }),
    holder: (view) => ({ how: 'revoked_by_grantor', reason: input.reason, ballotsStanding: view.ballots.standing }),
  });
}

/**
 * A proxy's end as the export bundle carries it (docs/bundle.md, version 3): the grantor masked
 * as in the notice (张*), the holder by their masked phone, no owner or account id. How it ended
 * is the audit chain's: `proxy.rejected`, or `proxy.revoked` by the grantor or in writing.
 */
export type BundleProxyEnding = {
  proxyId: string;
  grantor: string;
  holder: string;
  how: 'rejected' | 'revoked_by_grantor' | 'revoked_in_writing';
  at: string;
  reason: string | null;
  /** The scan of the written revocation; null otherwise. */
  revocationDocumentSha256: string | null;
};

/** Every proxy of the meeting that was rejected or revoked, in the order they ended. */
export async function proxyEndingsForBundle(db: Kysely<DB>, meetingId: string): Promise<BundleProxyEnding[]> {
  const rows = await endedProxiesOfMeeting(db, meetingId);
  return rows.map((r) => ({
    proxyId: r.id,
    grantor: maskName(r.grantor_name, r.grantor_kind),
    holder: maskPhone(r.holder_phone),
    how: r.status === 'rejected' ? 'rejected' : r.revoked_by_owner !== null ? 'revoked_by_grantor' : 'revoked_in_writing',
    at: r.ended_at!.toISOString(),
    reason: r.end_reason,
    revocationDocumentSha256: r.revocation_document_sha256,
  }));
}
