import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Anomaly flags (R7.3, issue 17): what the close found worth the township's
 * attention — a phone bound to owners who are not co-owners, many voters
 * from one network address, a proxy holder near the cap, a burst of ballots
 * just before the close, an unusual share of paper ballots, ballots below
 * the estate's minimum assurance, bindings created after the notice. One row
 * per flag: its kind, a key that tells two flags of a kind apart (the phone,
 * the address, the holder — stored masked), the figures that raised it and
 * the voters behind it as the notice masks them. Flags inform; they are
 * never read by the tally.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table anomaly_flags (
      id uuid primary key default gen_random_uuid(),
      meeting_id uuid not null references meetings (id),
      estate_id uuid not null references estates (id),
      kind text not null check (kind in (
        'shared_phone', 'shared_address', 'proxy_near_cap', 'late_burst', 'paper_share', 'low_assurance', 'late_binding'
      )),
      key text not null,
      figures jsonb not null,
      voters jsonb not null,
      flagged_at timestamptz not null,
      unique (meeting_id, kind, key)
    )
  `.execute(db);
  await sql`create index anomaly_flags_estate on anomaly_flags (estate_id, flagged_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table anomaly_flags`.execute(db);
}
