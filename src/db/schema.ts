import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** Table types of the database, in step with migrations/. */

type CreatedAt = ColumnType<Date, never, never>;

export interface TownshipTable {
  id: Generated<string>;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface DB {
  townships: TownshipTable;
}

export type Township = Selectable<TownshipTable>;
export type NewTownship = Insertable<TownshipTable>;
