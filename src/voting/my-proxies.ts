import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AssuranceLevel, DB, MeetingStatus } from '../db/schema.ts';
import { reaches } from '../identity/assurance.ts';
import { localTime } from '../lib/local-time.ts';
import { maskName, maskPhone } from '../lib/mask.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import type { ProblemSlug } from '../problems.ts';
import { receiptOf } from '../receipts/receipt.ts';
import { refusalSlug } from './ballot-refusals.ts';
import { checkBallotRows } from './ballots-repository.ts';
import { grantorVoters } from './electorate-lookup.ts';
import type { ProxyStatus } from './paper-and-proxies.ts';
import { motionsOfMeetings, proxiesGrantedTo, proxiesHeldBy, proxyBallotCounts, standingBallotsOf, standingProxyBallots } from './proxies-repository.ts';

/**
 * The owner app's view of written proxies (R4.3, issue 16), for one account: the proxies it
 * holds — whose, for which meeting, the owner's bound instructions, and per motion whether a
 * proxy ballot would be accepted now (asked of cast_ballots itself, writing nothing, as
 * my-ballots does for an owner's own vote) — and the proxies the owners it is bound to have
 * given, with whether they may still revoke them. The app decides nothing of its own.
 */

type Refusal = { type: ProblemSlug; detail: string };

export interface HeldProxyMotion {
  motionId: string;
  title: string;
  /** The grantor's voter on this motion (once voting is open); null: not in its electorate, or voting not open yet. */
  voterId: string | null;
  units: string[];
  area: string | null;
  /** The choice the owner's written instructions fix on this motion; null: the holder chooses. */
  instructed: unknown;
  /** The standing ballot: none, the one cast under this proxy (with its choice and receipt), or another — never its choice. */
  standing:
    | { by: 'none' }
    | { by: 'this_proxy'; choice: unknown; castAt: string; version: number; receipt: string; ballotId: string }
    | { by: 'other' };
  /** Whether a ballot under this proxy would be accepted now; if not, the problem the cast would answer. */
  cast: { allowed: boolean; refusal: Refusal | null };
}

export interface HeldProxy {
  id: string;
  status: ProxyStatus;
  meeting: MeetingRef;
  grantor: { name: string };
  instructions: Record<string, unknown> | null;
  registeredAt: string;
  ending: { at: string; reason: string | null; byGrantor: boolean } | null;
  motions: HeldProxyMotion[];
}

export interface GrantedProxy {
  id: string;
  status: ProxyStatus;
  meeting: MeetingRef;
  grantor: { ownerId: string; name: string };
  holder: { phone: string };
  instructions: Record<string, unknown> | null;
  registeredAt: string;
  ending: { at: string; reason: string | null; byGrantor: boolean } | null;
  ballots: { cast: number; standing: number };
  /** Whether this account may revoke it now; if not, why (the revocation route's own refusal). */
  revoke: { allowed: boolean; refusal: Refusal | null };
}

interface MeetingRef {
  id: string;
  title: string;
  status: MeetingStatus;
  estateName: string;
  local: { timeZone: string; votingOpens: string; votingCloses: string };
}

const meetingRef = (r: { meeting_id: string; meeting_title: string; meeting_status: MeetingStatus; estate_name: string; time_zone: string; voting_opens_at: Date; voting_closes_at: Date }): MeetingRef => ({
  id: r.meeting_id,
  title: r.meeting_title,
  status: r.meeting_status,
  estateName: r.estate_name,
  local: { timeZone: r.time_zone, votingOpens: localTime(r.voting_opens_at, r.time_zone), votingCloses: localTime(r.voting_closes_at, r.time_zone) },
});

const endingOf = (r: { ended_at: Date | null; end_reason: string | null; revoked_by_owner: string | null }) =>
  r.ended_at === null ? null : { at: r.ended_at.toISOString(), reason: r.end_reason, byGrantor: r.revoked_by_owner !== null };

const takesProxies = (status: string) => status === 'noticed' || status === 'open';

/** Why a proxy in this state carries no vote now, as the cast would refuse it (castProxyBallot). */
function stateRefusal(status: ProxyStatus): Refusal | null {
  if (status === 'approved') return null;
  if (status === 'pending') return { type: 'forbidden', detail: 'The organisers have not approved this proxy yet' };
  return { type: 'proxy-ended', detail: status === 'revoked' ? 'The owner has revoked this proxy' : 'The organisers rejected this proxy' };
}

export async function heldProxies(db: Kysely<DB>, accountId: string, now: Date): Promise<HeldProxy[]> {
  const rows = await proxiesHeldBy(db, accountId);
  const meetingIds = [...new Set(rows.map((r) => r.meeting_id))];
  const [motions, mine] = await Promise.all([motionsOfMeetings(db, meetingIds), standingProxyBallots(db, rows.map((r) => r.id))]);
  const votersByMeeting = new Map(
    await Promise.all(meetingIds.map(async (m) => [m, await grantorVoters(db, m, rows.filter((r) => r.meeting_id === m).map((r) => r.grantor_owner_id))] as const)),
  );
  const voterOf = (r: (typeof rows)[number], motionId: string) => votersByMeeting.get(r.meeting_id)?.get(r.grantor_owner_id)?.find((v) => v.motionId === motionId);
  const standing = await standingBallotsOf(
    db,
    rows.flatMap((r) => [...(votersByMeeting.get(r.meeting_id)?.get(r.grantor_owner_id) ?? [])].map((v) => v.voterId)),
  );
  const standingOf = new Map(standing.map((s) => [`${s.motion_id}:${s.voter_id}`, s]));
  const mineOf = new Map(mine.map((b) => [`${b.proxy_id}:${b.motion_id}:${b.voter_id}`, b]));

  // cast_ballots asked, writing nothing, about every motion an approved proxy of an open meeting could vote on.
  const asks = rows.flatMap((r) =>
    r.status !== 'approved' || r.meeting_status !== 'open'
      ? []
      : motions.flatMap((m) => {
          const voter = m.meeting_id === r.meeting_id ? voterOf(r, m.id) : undefined;
          return voter ? [{ proxyId: r.id, motionId: m.id, voterId: voter.voterId, meetingId: r.meeting_id, grantor: r.grantor_owner_id }] : [];
        }),
  );
  const checks = asks.length
    ? await checkBallotRows(
        db,
        asks.map((a) => ({ meeting: a.meetingId, motion: a.motionId, voter: a.voterId, account: accountId, choice: null, ballot: randomUUID(), at: now.toISOString(), channel: 'proxy', owner: a.grantor, proxy: a.proxyId })),
      )
    : [];
  const checkOf = new Map(asks.map((a, i) => [`${a.proxyId}:${a.motionId}`, checks.find((c) => c.o_item === i + 1)]));

  return rows.map((r): HeldProxy => {
    const instructions = (r.instructions as Record<string, unknown> | null) ?? null;
    return {
      id: r.id,
      status: r.status,
      meeting: meetingRef(r),
      grantor: { name: maskName(r.grantor_name, r.grantor_kind) },
      instructions,
      registeredAt: r.registered_at.toISOString(),
      ending: endingOf(r),
      motions: motions
        .filter((m) => m.meeting_id === r.meeting_id)
        .map((m): HeldProxyMotion => {
          const voter = voterOf(r, m.id);
          const current = voter ? standingOf.get(`${m.id}:${voter.voterId}`) : undefined;
          const own = voter ? mineOf.get(`${r.id}:${m.id}:${voter.voterId}`) : undefined;
          const check = checkOf.get(`${r.id}:${m.id}`);
          let refusal = stateRefusal(r.status);
          if (refusal === null && r.meeting_status !== 'open') {
            refusal = { type: 'conflict', detail: r.meeting_status === 'noticed' ? 'Voting has not opened yet' : `Voting is not open: the meeting is ${r.meeting_status}` };
          }
          if (refusal === null && !voter) refusal = { type: 'forbidden', detail: 'The owner is not in this motion’s electorate' };
          if (refusal === null && check?.o_code) refusal = { type: refusalSlug(check.o_code) ?? 'conflict', detail: check.o_message ?? 'Ballot refused' };
          return {
            motionId: m.id,
            title: m.title,
            voterId: voter?.voterId ?? null,
            units: voter?.units ?? [],
            area: voter?.area ?? null,
            instructed: instructions?.[m.id] ?? null,
            standing: own
              ? {
                  by: 'this_proxy',
                  choice: own.choice,
                  castAt: own.cast_at.toISOString(),
                  version: own.version,
                  ballotId: own.id,
                  receipt: receiptOf({ ballotId: own.id, motionId: own.motion_id, voterId: own.voter_id, version: own.version, choice: own.choice, spoiled: own.spoiled, channel: 'proxy', castAt: own.cast_at }),
                }
              : current
                ? { by: 'other' }
                : { by: 'none' },
            cast: { allowed: refusal === null, refusal },
          };
        }),
    };
  });
}

export async function grantedProxies(db: Kysely<DB>, accountId: string): Promise<GrantedProxy[]> {
  const rows = await proxiesGrantedTo(db, accountId);
  const counts = await proxyBallotCounts(db, rows.map((r) => r.id));
  const minimum = new Map<string, AssuranceLevel>();
  for (const estateId of new Set(rows.map((r) => r.estate_id))) minimum.set(estateId, (await estateSettingsOf(db, estateId)).settings.minimumAssurance);
  return rows.map((r): GrantedProxy => {
    const required = r.min_assurance ?? minimum.get(r.estate_id)!;
    // The same refusals, in the same order, as revokeOwnProxy answers them.
    let refusal: Refusal | null = null;
    if (!reaches(r.grantor_level, required)) refusal = { type: 'assurance-too-low', detail: 'Your verification is not strong enough to revoke this proxy here' };
    else if (r.status === 'rejected' || r.status === 'revoked') refusal = { type: 'proxy-ended', detail: `This proxy is already ${r.status}` };
    else if (!takesProxies(r.meeting_status)) refusal = { type: 'conflict', detail: `Voting on this meeting is over (it is ${r.meeting_status})` };
    return {
      id: r.id,
      status: r.status,
      meeting: meetingRef(r),
      grantor: { ownerId: r.grantor_owner_id, name: r.grantor_name },
      holder: { phone: maskPhone(r.holder_phone) },
      instructions: (r.instructions as Record<string, unknown> | null) ?? null,
      registeredAt: r.registered_at.toISOString(),
      ending: endingOf(r),
      ballots: counts.get(r.id) ?? { cast: 0, standing: 0 },
      revoke: { allowed: refusal === null, refusal },
    };
  });
}
