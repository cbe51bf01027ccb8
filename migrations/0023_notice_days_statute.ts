import { type Kysely, sql } from 'kysely';

// Frozen once landed: change the schema with a new migration, never by editing this one.

/**
 * R4.1 (issue 16): a regular meeting is announced at least 15 days before voting opens
 * (物业管理条例 第十四条); only a temporary meeting, where the city allows it, may be announced
 * 7 days before. The settings used to accept `noticeDays` down to 7 for every meeting. An
 * estate that set fewer than 15 keeps that period for its temporary meetings (where it applied
 * before, unless it had set their own), and its regular meetings take the statute's 15 days —
 * otherwise its stored settings would no longer pass the check they are read through.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    update estates
       set settings = settings
         || jsonb_build_object('noticeDays', 15)
         || jsonb_build_object('temporaryNoticeDays', coalesce(settings -> 'temporaryNoticeDays', settings -> 'noticeDays'))
     where jsonb_typeof(settings -> 'noticeDays') = 'number'
       and (settings ->> 'noticeDays')::numeric < 15
  `.execute(db);
}

/** Nothing to undo: the earlier settings allowed what this leaves. */
export async function down(): Promise<void> {}
