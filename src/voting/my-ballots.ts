import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AssuranceLevel, Channel, DB, Meeting } from '../db/schema.ts';
import { assuranceRank, reaches } from '../identity/assurance.ts';
import { maskName } from '../lib/mask.ts';
import { estateSettingsOf } from '../places/estate-settings.ts';
import type { ProblemSlug } from '../problems.ts';
import { formatArea } from '../tally/index.ts';
import { refusalSlug } from './ballot-refusals.ts';
import { ballotsOf } from './ballots.ts';
import { bindingsInEstate, checkBallotRows, ownerNamesOf } from './ballots-repository.ts';

/**
 * What an owner's app needs to vote, per motion and voter they belong to:
 * the current ballot and how often it was changed, whether the account's
 * level of assurance reaches the meeting's minimum, who may cast a shared
 * vote, and — asked of cast_ballots() itself, writing nothing — whether a
 * ballot from this account would be accepted now and, if not, why. The app
 * says so before the owner tries; the answer cannot differ from the cast's,
 * because it is the cast's.
 */

export interface MyBallotItem {
  motionId: string;
  voterId: string;
  owners: string[];
  developer: boolean;
  area: string;
  current: {
    choice: unknown;
    spoiled: boolean;
    channel: Channel;
    castAt: string;
    version: number;
    receipt: string;
    /** Cast by this account (online) — else by a co-owner, an organiser (paper) or a proxy holder. */
    byYou: boolean;
  } | null;
  /** Ballots after the first on this motion for this voter, of any channel ("已修改 N 次"). */
  changes: number;
  assurance: { required: AssuranceLevel; level: AssuranceLevel | null; enough: boolean };
  /** Several owners share this vote (R1.4): how many, the estate's rule, and who may cast it under "representative". */
  coOwners: {
    count: number;
    rule: 'any' | 'representative';
    representative: { you: boolean; name: string } | null;
  } | null;
  /** Whether cast_ballots would accept this account's online ballot now; the refusal as the cast would answer it. */
  cast: { allowed: boolean; refusal: { type: ProblemSlug; detail: string } | null };
}

export interface MyBallots {
  /** The meeting's minimum level for online votes (frozen at opening; before that, the estate's setting as it is now). */
  minAssurance: AssuranceLevel;
  /** The strongest level among this account's bindings to owners of the estate; null when it is bound to none. */
  level: AssuranceLevel | null;
  items: MyBallotItem[];
}

const strongest = (levels: readonly AssuranceLevel[]): AssuranceLevel | null =>
  levels.reduce<AssuranceLevel | null>((best, l) => (best === null || assuranceRank(l) > assuranceRank(best) ? l : best), null);

export async function myBallots(db: Kysely<DB>, meeting: Meeting, accountId: string, now: Date): Promise<MyBallots> {
  const [rows, { settings, tally }, bindings] = await Promise.all([
    ballotsOf(db, meeting.id, accountId),
    estateSettingsOf(db, meeting.estate_id),
    bindingsInEstate(db, accountId, meeting.estate_id),
  ]);
  const required = meeting.min_assurance ?? settings.minimumAssurance;
  const levelOf = new Map(bindings.map((b) => [b.ownerId, b.level]));
  const representatives = [...new Set(rows.flatMap((r) => (r.representative ? [r.representative] : [])))];
  const names = new Map((await ownerNamesOf(db, representatives)).map((o) => [o.id, o]));
  const checks =
    rows.length === 0
      ? []
      : await checkBallotRows(
          db,
          rows.map((r) => ({ meeting: meeting.id, motion: r.motionId, voter: r.voterId, account: accountId, choice: null, ballot: randomUUID(), at: now.toISOString() })),
        );
  const checkOf = new Map(checks.map((c) => [c.o_item, c]));

  const items = rows.map((r, index): MyBallotItem => {
    const level = strongest(r.owners.flatMap((o) => (levelOf.has(o) ? [levelOf.get(o)!] : [])));
    const check = checkOf.get(index + 1);
    const code = check?.o_code ?? null;
    const shared = r.owners.length > 1 && !r.developer;
    const rep = r.representative ? names.get(r.representative) : undefined;
    return {
      motionId: r.motionId,
      voterId: r.voterId,
      owners: r.owners,
      developer: r.developer,
      area: formatArea(BigInt(r.area_hundredths)),
      current:
        r.version === null || r.cast_at === null
          ? null
          : {
              choice: r.choice,
              spoiled: r.spoiled ?? false,
              channel: r.channel ?? 'online',
              castAt: r.cast_at.toISOString(),
              version: r.version,
              receipt: r.receipt ?? '',
              byYou: r.channel === 'online' && r.cast_by === accountId,
            },
      changes: r.version === null ? 0 : r.version - 1,
      assurance: { required, level, enough: level !== null && reaches(level, required) },
      coOwners: shared
        ? {
            count: r.owners.length,
            rule: tally.coOwnerVoting,
            representative:
              tally.coOwnerVoting === 'representative' && r.representative && rep
                ? { you: levelOf.has(r.representative), name: levelOf.has(r.representative) ? rep.name : maskName(rep.name, rep.kind) }
                : null,
          }
        : null,
      cast: {
        allowed: check !== undefined && code === null,
        refusal:
          code === null
            ? check === undefined
              ? { type: 'internal-error', detail: 'The ballot check gave no answer' }
              : null
            : { type: refusalSlug(code) ?? 'internal-error', detail: check?.o_message ?? '' },
      },
    };
  });
  return { minAssurance: required, level: strongest(bindings.map((b) => b.level)), items };
}
