import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Identity hardening (issue 12).
 *
 * - Login codes are charged to a daily ceiling (`otp_challenges.ceiling`):
 *   `estate:<id>` for a phone of an estate, `unattached` for a phone of none,
 *   null for admins' and township staff's phones, which no ceiling holds.
 *   Owners' registry phones are looked up for it, hence their index.
 * - Failed self-verifications are counted per client address and per owner
 *   named (a wrong identity number for a registry name), not only per account,
 *   so guesses spread over many accounts or addresses still lock.
 * - In-person verification of an organisation or the developer records the
 *   business licence seen (the HMAC of its credit code) and the representative
 *   who came: name, document type, the HMAC of the document's number and its
 *   last four characters — never the number itself.
 * - Self-bindings of organisations and of the developer made before this
 *   migration are revoked (anyone who knew the public name and credit code
 *   could have made them), each recorded in its estate's audit chain; staff
 *   verify those owners in person again.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table otp_challenges add column ceiling text`.execute(db);
  await sql`create index otp_challenges_ceiling_at on otp_challenges (ceiling, created_at) where ceiling is not null`.execute(db);
  await sql`create index owners_phone on owners (phone) where phone is not null`.execute(db);

  // Self-verification finds owners by name (a wrong number still names them), in every estate.
  await sql`create index owners_name on owners (name)`.execute(db);
  await sql`alter table verification_attempts add column ip text`.execute(db);
  await sql`create index verification_attempts_ip_at on verification_attempts (ip, at) where not succeeded`.execute(db);
  await sql`
    create table verification_owner_failures (
      id bigserial primary key,
      owner_id uuid not null references owners (id),
      account_id uuid not null references accounts (id),
      ip text,
      at timestamptz not null
    )`.execute(db);
  await sql`create index verification_owner_failures_owner_at on verification_owner_failures (owner_id, at)`.execute(db);

  await sql`
    alter table owner_bindings
      add column licence_key bytea,
      add column representative_name text,
      add column representative_capacity text
        check (representative_capacity in ('legal_representative', 'authorised_agent')),
      add column representative_id_type text,
      add column representative_id_key bytea check (octet_length(representative_id_key) = 32),
      add column representative_id_tail text check (length(representative_id_tail) <= 4),
      add constraint owner_bindings_representative_complete check (
        (representative_name is null and representative_capacity is null and representative_id_type is null
          and representative_id_key is null and representative_id_tail is null)
        or (method = 'in_person' and licence_key is not null and representative_name is not null
          and representative_capacity is not null and representative_id_type is not null
          and representative_id_key is not null and representative_id_tail is not null)
      )`.execute(db);

  await revokeCorporateSelfBindings(db);
}

/**
 * The audit chain's record hash, frozen here as src/audit/audit-log.ts computes
 * it (canonical JSON: keys sorted, strings and safe integers only).
 */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

async function revokeCorporateSelfBindings(db: Kysely<unknown>): Promise<void> {
  const at = new Date();
  const revoked = await sql<{ account_id: string; owner_id: string; estate_id: string }>`
    update owner_bindings b set revoked_at = ${at}
      from owners o
     where o.id = b.owner_id and b.method = 'self' and b.revoked_at is null
       and (o.kind = 'organisation' or exists (
             select 1 from unit_owners uo join units u on u.id = uo.unit_id
              where uo.owner_id = o.id and u.developer_held and u.removed_at is null))
    returning b.account_id, b.owner_id, o.estate_id`.execute(db);
  for (const b of revoked.rows) {
    const chain = `estate:${b.estate_id}`;
    await sql`insert into audit_heads (chain, seq, hash) values (${chain}, 0, ${'0'.repeat(64)}) on conflict (chain) do nothing`.execute(db);
    const head = (await sql<{ seq: string; hash: string }>`select seq, hash from audit_heads where chain = ${chain} for update`.execute(db)).rows[0]!;
    const record = {
      chain,
      seq: Number(head.seq) + 1,
      at: at.toISOString(),
      actor: 'system',
      action: 'owner.binding_revoked',
      subject: `owner:${b.owner_id}`,
      data: { accountId: b.account_id, method: 'self', reason: 'organisations and the developer are verified only in person' },
      prevHash: head.hash,
    };
    const hash = createHash('sha256').update(canonical(record)).digest('hex');
    await sql`insert into audit_log (chain, seq, at, actor, action, subject, data, prev_hash, hash)
      values (${chain}, ${record.seq}, ${at}, ${record.actor}, ${record.action}, ${record.subject}, ${JSON.stringify(record.data)}, ${record.prevHash}, ${hash})`.execute(db);
    await sql`update audit_heads set seq = ${record.seq}, hash = ${hash} where chain = ${chain}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table owner_bindings
      drop constraint owner_bindings_representative_complete,
      drop column licence_key,
      drop column representative_name,
      drop column representative_capacity,
      drop column representative_id_type,
      drop column representative_id_key,
      drop column representative_id_tail`.execute(db);
  await sql`drop table verification_owner_failures`.execute(db);
  await sql`drop index verification_attempts_ip_at`.execute(db);
  await sql`alter table verification_attempts drop column ip`.execute(db);
  await sql`drop index owners_name`.execute(db);
  await sql`drop index owners_phone`.execute(db);
  await sql`drop index otp_challenges_ceiling_at`.execute(db);
  await sql`alter table otp_challenges drop column ceiling`.execute(db);
}
