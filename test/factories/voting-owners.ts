import { inLongTransaction } from '../../src/db/transaction.ts';
import { closeMeeting } from '../../src/results/closing.ts';
import type { TestApp } from '../helpers/app.ts';
import type { CsvUnit } from '../helpers/identity.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { li, zhang } from './cast.ts';
import { appointed, type Session, verifiedOwner } from './people.ts';
import { twoTownships } from './places.ts';
import { importRegistry } from './registry.ts';
import { actorFor } from './who.ts';

/**
 * Where owners vote and then may object to how their ballot was recorded (issue 17): two
 * townships with an estate each (twoTownships), estate A's registry of 张三's 1栋101 (100.00 m²)
 * and 李四's 1栋102 (80.00 m²) and any further units the test gives, estate A's organiser, and
 * 张三 and 李四 verified in the owner app.
 */
export interface VotingOwners {
  places: Awaited<ReturnType<typeof twoTownships>>;
  /** Estate A's organiser. */
  organiser: Session;
  zhang: Session;
  li: Session;
}

export async function votingOwners(t: TestApp, furtherUnits: CsvUnit[] = []): Promise<VotingOwners> {
  const places = await twoTownships(t);
  await importRegistry(t, places.staffA, places.estateA, [
    { registryNo: 'R-1', building: '1栋', room: '101', area: '100.00', owners: [zhang] },
    { registryNo: 'R-2', building: '1栋', room: '102', area: '80.00', owners: [li] },
    ...furtherUnits,
  ]);
  const organiser = await appointed(t, places.staffA, places.estateA, 'organiser');
  return { places, organiser, zhang: await verifiedOwner(t, zhang), li: await verifiedOwner(t, li) };
}

/**
 * Each owner casts every ballot they hold on the open meeting (`choose` gives the choice per
 * motion), then the meeting is closed at its closing time by the service the route calls; the
 * clock is left at the close.
 */
export async function voteAndClose(
  t: TestApp,
  clock: { set(at: Date): void },
  organiserToken: string,
  opened: { meetingId: string; closesAt: Date },
  owners: readonly Session[],
  choose: (motionId: string) => string = () => 'agree',
): Promise<void> {
  for (const owner of owners) {
    for (const b of await myBallots(t, owner.accessToken, opened.meetingId)) {
      const cast = await castBallot(t, owner.accessToken, opened.meetingId, b.motionId, b.voterId, choose(b.motionId));
      if (cast.statusCode !== 201) throw new Error(`casting for ${owner.phone}: ${cast.body}`);
    }
  }
  clock.set(opened.closesAt);
  await inLongTransaction(t.testDatabase.database.db, t.app.config.databaseLongStatementMs, (trx) => closeMeeting(trx, opened.meetingId, actorFor(t, organiserToken), opened.closesAt));
}
