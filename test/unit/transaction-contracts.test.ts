import type { Kysely, Transaction } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../src/db/schema.ts';
import { closeMeeting } from '../../src/results/closing.ts';
import { publishMeeting } from '../../src/results/publication.ts';
import { appendAudit } from '../../src/audit/audit-log.ts';
import { requireOpen } from '../../src/voting/ballots.ts';
import { requireMeeting } from '../../src/voting/meetings-repository.ts';
import { castProxyBallot, decidePaperBallot, enterPaperBallot } from '../../src/voting/paper-and-proxies.ts';

/**
 * Functions that rely on a transaction-scoped lock (advisory xact locks,
 * `for update`, `for share`) take Kysely's Transaction, and the caller opens
 * it (src/db/transaction.ts). Handed the pool, each statement would be its
 * own transaction and the lock gone before the next: that must not compile.
 * `npm run typecheck` checks this file — each @ts-expect-error must still be
 * an error — and never runs these calls.
 */
function contracts(pool: Kysely<DB>, trx: Transaction<DB>) {
  const now = () => new Date();
  // @ts-expect-error — the close's exclusive ballot lock must last until its results are stored (invariants 2, 4)
  void closeMeeting(pool, 'm', 'actor', now());
  void closeMeeting(trx, 'm', 'actor', now());
  // @ts-expect-error — a ballot's share lock must last until it is written (invariant 2)
  void requireOpen(pool, 'm', now);
  void requireOpen(trx, 'm', now);
  // @ts-expect-error — a row lock on the meeting
  void requireMeeting(pool, 'm', { lock: 'update' });
  void requireMeeting(pool, 'm');
  // @ts-expect-error — the audit chain's head is locked while a record is appended (invariant 6)
  void appendAudit(pool, { chain: 'c', actor: 'a', action: 'x', subject: 's', data: {} });
  // @ts-expect-error — a row lock (for update) inside
  void publishMeeting(pool, 'm', 'actor', now());
  // @ts-expect-error — a row lock (for update) inside
  void enterPaperBallot(pool, {} as Parameters<typeof enterPaperBallot>[1]);
  // @ts-expect-error — a row lock (for update) inside
  void decidePaperBallot(pool, {} as Parameters<typeof decidePaperBallot>[1]);
  // @ts-expect-error — a row lock (for update) inside
  void castProxyBallot(pool, {} as Parameters<typeof castProxyBallot>[1]);
}

describe('transaction contracts', () => {
  it('are held by the type checker (npm run typecheck)', () => {
    expect(contracts).toBeTypeOf('function');
  });
});
