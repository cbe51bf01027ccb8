import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inboxPage, markAllRead, markRead, type Reader, unreadCount } from '../../src/notifications/inbox-repository.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { zhang } from '../factories/cast.ts';
import { verifiedOwner } from '../factories/people.ts';
import { twoTownships } from '../factories/places.ts';
import { importRegistry } from '../factories/registry.ts';

/**
 * The inbox reads each way a message can be someone's through its own select (migration 0026):
 * one reader who is at once a bound owner, a committee member, township staff and an admin,
 * with an account message of their own, sees exactly those messages — never another estate's
 * committee's, another township's, another owner's or a login code — newest first across the
 * ways, paged by cursor without a gap or a repeat; counts and marks the same set.
 */
let t: TestApp;
let reader: Reader;
let theirs: string[];
let others: string[];
let latestBefore: number;
const written = (id: string) => Number(id) > latestBefore;

beforeAll(async () => {
  t = await createTestApp();
  const p = await twoTownships(t);
  await importRegistry(t, p.staffA, p.estateA, [{ registryNo: 'R-1', building: '1栋', room: '101', area: '90.00', owners: [zhang] }]);
  const session = await verifiedOwner(t, zhang);
  reader = { accountId: session.accountId, committeeOf: [p.estateA], staffOf: [p.townshipA], admin: true };
  const db = t.testDatabase.database.db;
  const owner = (await db.selectFrom('owner_bindings').select('owner_id').where('account_id', '=', session.accountId).executeTakeFirstOrThrow()).owner_id;
  await sql`insert into owners (estate_id, name, kind, id_type, id_key, id_tail) values (${p.estateA}, '别人', 'person', 'resident', ${Buffer.alloc(32, 7)}, '0007')`.execute(db);
  const stranger = (await db.selectFrom('owners').select('id').where('name', '=', '别人').executeTakeFirstOrThrow()).id;
  // Interleaved, so that every page mixes the ways: [theirs?, recipient, estate, owner, phone].
  const rows: [boolean, string, string | null, string | null, string | null][] = [];
  for (let round = 0; round < 3; round++) {
    rows.push(
      [true, 'owner', p.estateA, owner, null],
      [false, 'owner', p.estateA, stranger, null],
      [true, 'committee', p.estateA, null, null],
      [false, 'committee', p.estateB, null, null],
      [true, 'phone', p.estateA, null, session.phone],
      [false, 'phone', null, null, session.phone], // a login code: no estate, never shown
      [false, 'phone', p.estateA, null, '13900000000'],
      [true, 'township', p.estateA, null, null],
      [false, 'township', p.estateB, null, null],
      [true, 'admin', p.estateA, null, null],
      [false, 'residents_committee', p.estateA, null, null],
    );
  }
  // Only what this test writes is compared: messages the setup sent (the binding's) are marked read and left aside.
  await db.updateTable('notifications').set({ read_at: new Date() }).execute();
  latestBefore = Number((await sql<{ n: string | null }>`select max(id)::text as n from notifications`.execute(db)).rows[0]!.n ?? 0);
  theirs = [];
  others = [];
  for (const [mine, recipient, estate, ownerId, phone] of rows) {
    const { id } = await db
      .insertInto('notifications')
      .values({ estate_id: estate, topic: 't', kind: 'k', recipient, owner_id: ownerId, phone, body: recipient, created_at: new Date() } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    (mine ? theirs : others).push(String(id));
  }
  theirs.reverse();
}, 60_000);
afterAll(async () => t?.close());

describe('the inbox of a reader with every role', () => {
  it('pages their messages newest first across the ways, 4 at a time, with no gap, repeat or stranger', async () => {
    const db = t.testDatabase.database.db;
    const seen: string[] = [];
    let cursor: string | null = null;
    for (;;) {
      const page = await inboxPage(db, reader, cursor, 4);
      seen.push(...page.map((r) => String(r.id)));
      if (page.length < 4) break;
      cursor = String(page.at(-1)!.id);
    }
    expect(seen.filter(written)).toEqual(theirs);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('counts the unread ones, marks one and all of theirs, and never another’s', async () => {
    const db = t.testDatabase.database.db;
    expect(await unreadCount(db, reader)).toBe(15);
    for (const id of others) expect(await markRead(db, reader, id, new Date())).toBe(false);
    expect(await markRead(db, reader, theirs[0]!, new Date())).toBe(true);
    expect(await unreadCount(db, reader)).toBe(14);
    expect(await markAllRead(db, reader, new Date())).toBe(14);
    expect(await unreadCount(db, reader)).toBe(0);
    const untouched = await db.selectFrom('notifications').select('read_at').where('id', 'in', others).execute();
    expect(untouched.every((r) => r.read_at === null)).toBe(true);
  });

  it('shows a reader without roles only their own', async () => {
    const plain = { ...reader, committeeOf: [], staffOf: [], admin: false };
    const ids = (await inboxPage(t.testDatabase.database.db, plain, null, 1000)).map((r) => String(r.id)).filter(written);
    const kinds = await t.testDatabase.database.db.selectFrom('notifications').select(['id', 'recipient']).where('id', 'in', ids).execute();
    expect([...new Set(kinds.map((k) => k.recipient))].sort()).toEqual(['owner', 'phone']);
  });
});
