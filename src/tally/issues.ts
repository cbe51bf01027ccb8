// Everything that makes a tally record or a set of totals unusable is an
// Issue. A record is evidence: a court-facing count must never silently drop
// a unit or a ballot, so problems are collected (all of them, up to a limit)
// and the whole input is refused.

export type IssueCode =
  | 'malformed'               // wrong type, missing field, unknown field
  | 'malformed_area'
  | 'malformed_instant'
  | 'duplicate_unit'
  | 'duplicate_ballot'
  | 'duplicate_owner'
  | 'owners_empty'
  | 'unknown_unit'
  | 'outside_scope'
  | 'parking_not_counted'
  | 'unknown_choice'
  | 'invalid_choice'
  | 'spoiled_online'
  | 'same_instant_conflict'
  | 'not_an_owner'
  | 'not_representative'
  | 'no_representative'
  | 'representative_conflict'
  | 'outside_window'
  | 'empty_electorate'
  | 'override_looser_than_statute'
  | 'invalid_motion'
  | 'inconsistent_totals'
  | 'too_large';

export interface Issue {
  readonly code: IssueCode;
  /** Where in the input, e.g. `units[17].area` or `ballots[3]`. */
  readonly path: string;
  /** Names the unit or ballot by its id and says what is wrong. */
  readonly message: string;
}

export class TallyInputError extends Error {
  override readonly name = 'TallyInputError';
  constructor(
    readonly issues: readonly Issue[],
    /** Issues found beyond the reporting limit. */
    readonly omitted = 0,
  ) {
    const first = issues[0]?.message ?? 'invalid input';
    const more = issues.length - 1 + omitted;
    super(more > 0 ? `${first} (and ${more} more)` : first);
  }
}

/** A million-unit record with a systematic fault would otherwise produce a million messages. */
const ISSUE_LIMIT = 200;

export class Issues {
  private readonly list: Issue[] = [];
  private omitted = 0;

  add(code: IssueCode, path: string, message: string): void {
    if (this.list.length < ISSUE_LIMIT) this.list.push({ code, path, message });
    else this.omitted++;
  }

  get any(): boolean {
    return this.list.length > 0;
  }

  get all(): readonly Issue[] {
    return this.list;
  }

  /** Every issue of `other` after this one's, as if each had been added here (the limit counts them all). */
  addAll(other: Issues): void {
    for (const issue of other.list) this.add(issue.code, issue.path, issue.message);
    this.omitted += other.omitted;
  }

  throwIfAny(): void {
    if (this.list.length > 0) throw new TallyInputError(this.list, this.omitted);
  }
}

/** Ids are opaque but printable, so they can be quoted in messages. */
export function quote(id: unknown): string {
  return typeof id === 'string' ? JSON.stringify(id) : String(id);
}
