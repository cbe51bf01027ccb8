import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock } from '../../src/clock.ts';
import { bearer, createTestApp, logIn, type TestApp } from '../helpers/app.ts';
import type { CsvUnit } from '../helpers/identity.ts';
import { castBallot, myBallots } from '../helpers/voting.ts';
import { ownerNumber as person } from '../factories/cast.ts';
import { openMeeting } from '../factories/meetings.ts';
import { appointed, verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

const START = new Date('2026-11-22T00:00:00Z');
const clock = manualClock(START);
const big = person(0);
const co = [person(20), person(21)];

let t: TestApp;
let p: Awaited<ReturnType<typeof twoTownships>>;

beforeAll(async () => {
  t = await createTestApp({ clock });
  p = await twoTownships(t);
  // One owner with three flats (one head, 300 m²), seven owners with one flat each, one flat of two co-owners.
  const units: CsvUnit[] = [
    ...[0, 1, 2].map((i) => ({ registryNo: `B-${i}`, building: '1栋', room: `10${i}`, area: '100.00', owners: [big] })),
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({ registryNo: `U-${n}`, building: '2栋', room: `20${n}`, area: '100.00', owners: [person(n)] })),
    { registryNo: 'C-1', building: '3栋', room: '301', area: '100.00', owners: co },
  ];
  await importRegistry(t, p.staffA, p.estateA, units);
});
afterAll(async () => t?.close());

describe('petitions (R3.4)', () => {
  it('need 20 % of the area AND 20 % of the heads; crossing notifies the committee and the township once', async () => {
    const owner = await verifiedOwner(t, big);
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/estates/${p.estateA}/petitions`,
      headers: bearer(owner.accessToken),
      payload: { purpose: 'temporary_meeting', title: '提议召开临时业主大会' },
    });
    expect(created.statusCode).toBe(201);
    const petition = created.json();
    // TA = 1100 m², TH = 9 heads: 20 % is 220 m² and 2 heads (1.8 rounded up).
    expect(petition.progress).toEqual({
      signed: { area: '300.00', heads: 1 },
      total: { area: '1100.00', heads: 9 },
      needed: { area: '220.00', heads: 2 },
      met: false, // enough area, not enough heads
    });

    const second = await verifiedOwner(t, person(1));
    const signed = await t.app.inject({ method: 'POST', url: `/v1/petitions/${petition.id}/signatures`, headers: bearer(second.accessToken) });
    expect(signed.json().progress).toMatchObject({ signed: { area: '400.00', heads: 2 }, met: true });
    expect(signed.json().thresholdReachedAt).not.toBeNull();
    const again = await t.app.inject({ method: 'POST', url: `/v1/petitions/${petition.id}/signatures`, headers: bearer(second.accessToken) });
    expect(again.json().progress.signed).toEqual({ area: '400.00', heads: 2 });
    const third = await verifiedOwner(t, person(2));
    await t.app.inject({ method: 'POST', url: `/v1/petitions/${petition.id}/signatures`, headers: bearer(third.accessToken) });

    const notes = await t.testDatabase.database.db.selectFrom('notifications').select('recipient').where('subject_id', '=', petition.id).execute();
    expect(notes.map((n) => n.recipient).sort()).toEqual(['committee', 'township']);
  });

  it('only verified owners of the estate sign; others of the estate read; strangers learn nothing', async () => {
    const owner = await verifiedOwner(t, person(3));
    const created = (
      await t.app.inject({
        method: 'POST',
        url: `/v1/estates/${p.estateA}/petitions`,
        headers: bearer(owner.accessToken),
        payload: { purpose: 'parking_expansion', title: '增设车位' },
      })
    ).json();
    expect((await t.app.inject({ url: `/v1/petitions/${created.id}`, headers: bearer(p.committeeA) })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: `/v1/petitions/${created.id}/signatures`, headers: bearer(p.committeeA) })).statusCode).toBe(403);
    expect((await t.app.inject({ url: `/v1/petitions/${created.id}`, headers: bearer(p.staffB) })).statusCode).toBe(404);
  });
});

describe('co-owners voting by representative (R1.4)', () => {
  it('with coOwnerVoting "representative", only the designated co-owner casts the shared vote', async () => {
    expect(
      (await t.app.inject({ method: 'PUT', url: `/v1/estates/${p.estateA}/settings`, headers: bearer(p.staffA), payload: { coOwnerVoting: 'representative' } }))
        .statusCode,
    ).toBe(200);
    const [first, second] = [await verifiedOwner(t, co[0]!), await verifiedOwner(t, co[1]!)];
    const organiser = await appointed(t, p.staffA, p.estateA, 'organiser');
    const motion = [{ matter: 'other_major', kind: 'yes_no', title: '测试' }];

    // No representative recorded yet: neither co-owner may cast it.
    const undesignated = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, motion);
    const shared = (await myBallots(t, first.accessToken, undesignated.meetingId))[0]!;
    const refused = await castBallot(t, first.accessToken, undesignated.meetingId, undesignated.motionIds[0]!, shared.voterId, 'agree');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().detail).toMatch(/designated/);

    // The co-owners choose the second; the committee records it; the next meeting's snapshot carries it.
    const unit = (await t.app.inject({ url: `/v1/estates/${p.estateA}/units?limit=1000`, headers: bearer(p.staffA) }))
      .json()
      .items.find((u: { registryNo: string }) => u.registryNo === 'C-1');
    const secondOwner = unit.owners.find((o: { name: string }) => o.name === co[1]!.name).id;
    const designated = await t.app.inject({
      method: 'PUT',
      url: `/v1/estates/${p.estateA}/units/${unit.id}/representative`,
      headers: bearer(p.committeeA),
      payload: { ownerId: secondOwner },
    });
    expect(designated.statusCode).toBe(200);
    clock.set(START);
    const later = await openMeeting(t, clock, START, organiser.accessToken, p.estateA, motion);
    const voter = (await myBallots(t, first.accessToken, later.meetingId))[0]!.voterId;
    expect((await castBallot(t, first.accessToken, later.meetingId, later.motionIds[0]!, voter, 'agree')).statusCode).toBe(403);
    expect((await castBallot(t, second.accessToken, later.meetingId, later.motionIds[0]!, voter, 'agree')).statusCode).toBe(201);

    // On paper too: the organiser names who signed, and only the representative's signature counts.
    const units = (await t.app.inject({ url: `/v1/estates/${p.estateA}/units?limit=1000`, headers: bearer(p.staffA) })).json().items;
    const firstOwner = unit.owners.find((o: { name: string }) => o.name === co[0]!.name).id;
    const stranger = units.find((u: { registryNo: string }) => u.registryNo === 'B-0').owners[0].id;
    const paper = (signedBy?: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${later.meetingId}/motions/${later.motionIds[0]}/paper-ballots`,
        headers: bearer(organiser.accessToken),
        payload: { voterId: voter, choice: 'oppose', scan: { url: 'https://files.example/scan/c1.pdf', sha256: 'c'.repeat(64) }, ...(signedBy ? { signedBy } : {}) },
      });
    const unsigned = await paper();
    expect(unsigned.statusCode).toBe(403);
    expect(unsigned.json().detail).toMatch(/representative/);
    const byOtherCoOwner = await paper(firstOwner);
    expect(byOtherCoOwner.statusCode).toBe(403);
    const byStranger = await paper(stranger);
    expect(byStranger.statusCode).toBe(400);
    expect(byStranger.json().errors[0].path).toBe('body.signedBy');
    const db = t.testDatabase.database.db;
    expect(await db.selectFrom('paper_entries').select('id').where('voter_id', '=', voter).execute()).toEqual([]);

    const signed = await paper(secondOwner);
    expect(signed.statusCode).toBe(201);
    expect(signed.json().signedBy).toBe(secondOwner);
    const checker = await appointed(t, p.staffA, p.estateA, 'organiser');
    const confirmed = await t.app.inject({
      method: 'POST',
      url: `/v1/meetings/${later.meetingId}/paper-ballots/${signed.json().id}/confirm`,
      headers: bearer(checker.accessToken),
      payload: { choice: 'oppose' },
    });
    expect(confirmed.statusCode).toBe(200);
    const ballot = await db.selectFrom('ballots').select(['owner_id', 'channel']).where('id', '=', confirmed.json().receipt.ballotId).executeTakeFirstOrThrow();
    expect(ballot).toEqual({ owner_id: secondOwner, channel: 'paper' });

    // And by proxy: only a proxy the representative gave carries the shared vote.
    const proxyFrom = async (grantor: string, phone: string) => {
      const holder = await logIn(t, phone, '192.0.2.60');
      const registered = await t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${later.meetingId}/proxies`,
        headers: bearer(organiser.accessToken),
        payload: { grantorOwnerId: grantor, holderPhone: phone, document: { url: 'https://files.example/proxy/c1.pdf', sha256: 'e'.repeat(64) } },
      });
      expect(registered.statusCode).toBe(201);
      const approved = await t.app.inject({ method: 'POST', url: `/v1/meetings/${later.meetingId}/proxies/${registered.json().id}/approve`, headers: bearer(checker.accessToken) });
      expect(approved.statusCode).toBe(200);
      return t.app.inject({
        method: 'POST',
        url: `/v1/meetings/${later.meetingId}/motions/${later.motionIds[0]}/proxy-ballots`,
        headers: bearer(holder.accessToken),
        payload: { proxyId: registered.json().id, voterId: voter, choice: 'abstain' },
      });
    };
    const versionsBefore = (await db.selectFrom('ballots').select('id').where('voter_id', '=', voter).execute()).length;
    const fromOther = await proxyFrom(firstOwner, '13700007771');
    expect(fromOther.statusCode).toBe(403);
    expect(fromOther.json().detail).toMatch(/representative/);
    expect((await db.selectFrom('ballots').select('id').where('voter_id', '=', voter).execute()).length).toBe(versionsBefore);
    // The representative's proxy is accepted by the rule; the representative's own ballot then still prevails (R4.3).
    const fromRepresentative = await proxyFrom(secondOwner, '13700007772');
    expect(fromRepresentative.statusCode).toBe(409);
    expect(fromRepresentative.json().detail).toMatch(/personally/);
  });
});
