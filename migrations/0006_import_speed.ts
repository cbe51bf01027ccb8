import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * Registry import speed (issue 4: 100,000 units in ≤ 10 s).
 *
 * 1. Referential integrity of the registry tables is checked once per
 *    statement instead of once per row. A row-level foreign key runs one
 *    lookup (and, for a parent written in the same transaction, one row lock
 *    with its WAL record) per inserted row: 620,000 of them for a
 *    100,000-unit import, two thirds of PostgreSQL's time. The statement
 *    triggers below check every new or changed row of a statement in one
 *    anti-join over its transition table. They also check more than the
 *    foreign keys did: a unit's building is in the unit's estate and its
 *    stair in its building, and a unit and its owner are in the same estate.
 *    A foreign key also stops a parent from being deleted or re-keyed while
 *    children point at it; here the parents are never deleted (units leave
 *    the registry by being marked removed, owners stay for the history) and
 *    never re-keyed, and triggers refuse both, so no race between a check and
 *    a concurrent delete exists.
 * 2. The identity HMAC is kept as its 32 bytes (`bytea`), not 64 hex
 *    characters of collated text: half the index, compared with memcmp.
 * 3. A preview stores the write plan computed from the diff (rows ready for
 *    COPY), so applying it re-reads nothing: `plan_gz` replaces `units_gz`.
 *    Previews waiting when this migration runs were made in the old form and
 *    are superseded: their uploader sends the file again.
 */

const REGISTRY_TABLES = ['estates', 'buildings', 'stairs', 'units', 'owners'] as const;

/** Dropped here, checked by the statement triggers instead; `down` restores them. */
const FOREIGN_KEYS = [
  ['owners', 'owners_estate_id_fkey', 'estate_id', 'estates'],
  ['units', 'units_estate_id_fkey', 'estate_id', 'estates'],
  ['units', 'units_building_id_fkey', 'building_id', 'buildings'],
  ['units', 'units_stair_id_fkey', 'stair_id', 'stairs'],
  ['unit_owners', 'unit_owners_unit_id_fkey', 'unit_id', 'units'],
  ['unit_owners', 'unit_owners_owner_id_fkey', 'owner_id', 'owners'],
] as const;

/** The columns other rows refer to: a change of any of them is refused. */
const KEYS: Record<(typeof REGISTRY_TABLES)[number], string[]> = {
  estates: ['id'],
  buildings: ['id', 'estate_id'],
  stairs: ['id', 'building_id'],
  units: ['id', 'estate_id'],
  owners: ['id', 'estate_id'],
};

/** For each child table, the condition a new or changed row `n` must meet. */
const CHECKS = {
  owners: {
    message: 'an owner must belong to an existing estate',
    valid: sql`exists (select 1 from estates e where e.id = n.estate_id)`,
  },
  units: {
    message: "a unit's building must be in the unit's estate, and its stair in its building",
    valid: sql`exists (select 1 from buildings b where b.id = n.building_id and b.estate_id = n.estate_id)
      and (n.stair_id is null or exists (select 1 from stairs s where s.id = n.stair_id and s.building_id = n.building_id))`,
  },
  unit_owners: {
    message: 'a unit and its owner must exist and belong to the same estate',
    valid: sql`exists (select 1 from units u join owners o on o.estate_id = u.estate_id where u.id = n.unit_id and o.id = n.owner_id)`,
  },
} as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, name] of FOREIGN_KEYS) await sql`alter table ${sql.table(table)} drop constraint ${sql.id(name)}`.execute(db);

  for (const [table, { message, valid }] of Object.entries(CHECKS)) {
    const fn = sql.id(`${table}_references_check`);
    await sql`create function ${fn}() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from new_rows n where not (${valid})) then
          raise exception '%', ${sql.lit(message)} using errcode = 'foreign_key_violation';
        end if;
        return null;
      end $$`.execute(db);
    // One trigger per event: PostgreSQL allows transition tables only on single-event triggers.
    for (const event of ['insert', 'update'] as const) {
      await sql`create trigger ${sql.id(`${table}_references_on_${event}`)} after ${sql.raw(event)} on ${sql.table(table)}
        referencing new table as new_rows for each statement execute function ${fn}()`.execute(db);
    }
  }

  await sql`create function refuse_registry_delete() returns trigger language plpgsql as $$
    begin
      raise exception '% rows are never deleted (units leave the registry by being marked removed): % refused', tg_table_name, tg_op
        using errcode = 'restrict_violation';
    end $$`.execute(db);
  await sql`create function refuse_registry_rekey() returns trigger language plpgsql as $$
    begin
      raise exception 'the keys of % rows never change: other rows refer to them', tg_table_name using errcode = 'restrict_violation';
    end $$`.execute(db);
  for (const table of REGISTRY_TABLES) {
    const t = sql.table(table);
    await sql`create trigger ${sql.id(`${table}_no_delete`)} before delete on ${t}
      for each row execute function refuse_registry_delete()`.execute(db);
    await sql`create trigger ${sql.id(`${table}_no_truncate`)} before truncate on ${t}
      for each statement execute function refuse_registry_delete()`.execute(db);
    const keys = KEYS[table];
    const changed = sql.join(
      keys.map((k) => sql`old.${sql.ref(k)} is distinct from new.${sql.ref(k)}`),
      sql` or `,
    );
    await sql`create trigger ${sql.id(`${table}_no_rekey`)} before update of ${sql.join(keys.map((k) => sql.ref(k)))} on ${t}
      for each row when (${changed}) execute function refuse_registry_rekey()`.execute(db);
  }

  await sql`alter table owners alter column id_key type bytea using decode(id_key, 'hex')`.execute(db);

  await sql`update registry_imports set status = 'superseded' where status = 'previewed'`.execute(db);
  await sql`alter table registry_imports rename column units_gz to plan_gz`.execute(db);
  // Already gzipped: PostgreSQL's own compression would only spend time failing to shrink it.
  await sql`alter table registry_imports alter column plan_gz set storage external`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table registry_imports alter column plan_gz set storage extended`.execute(db);
  await sql`alter table registry_imports rename column plan_gz to units_gz`.execute(db);
  await sql`update registry_imports set status = 'superseded' where status = 'previewed'`.execute(db);
  await sql`alter table owners alter column id_key type text using encode(id_key, 'hex')`.execute(db);
  for (const table of REGISTRY_TABLES) {
    for (const trigger of ['no_delete', 'no_truncate', 'no_rekey']) {
      await sql`drop trigger ${sql.id(`${table}_${trigger}`)} on ${sql.table(table)}`.execute(db);
    }
  }
  await sql`drop function refuse_registry_rekey()`.execute(db);
  await sql`drop function refuse_registry_delete()`.execute(db);
  for (const table of Object.keys(CHECKS)) {
    for (const event of ['insert', 'update']) await sql`drop trigger ${sql.id(`${table}_references_on_${event}`)} on ${sql.table(table)}`.execute(db);
    await sql`drop function ${sql.id(`${table}_references_check`)}()`.execute(db);
  }
  for (const [table, name, column, parent] of FOREIGN_KEYS) {
    await sql`alter table ${sql.table(table)} add constraint ${sql.id(name)} foreign key (${sql.ref(column)}) references ${sql.table(parent)} (id)`.execute(db);
  }
}
