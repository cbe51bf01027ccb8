import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../src/db/unavailable.ts';

/** pg's DatabaseError carries the SQLSTATE in `code` and the server's words in `message`. */
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('which database errors mean "unavailable for a moment" (503 + Retry-After) rather than a fault (500) or a refusal (4xx)', () => {
  it.each([
    ['pg_terminate_backend', pgError('57P01', 'terminating connection due to administrator command')],
    ['crash recovery', pgError('57P02', 'terminating connection because of crash of another server process')],
    ['starting up', pgError('57P03', 'the database system is starting up')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['connection exception class 08', pgError('08006', 'connection failure')],
    ['our statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['our lock timeout', pgError('55P03', 'canceling statement due to lock timeout')],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['no connection from the pool in time', new Error('timeout exceeded when trying to connect')],
    ['refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['refused on every address', new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:5432'), { code: 'ECONNREFUSED' })])],
    ['wrapped', new Error('could not close', { cause: new Error('Connection terminated unexpectedly') })],
  ])('%s: unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(true);
  });

  it.each([
    ['a statement cancelled by someone', pgError('57014', 'canceling statement due to user request')],
    ['NOWAIT finding a row locked', pgError('55P03', 'could not obtain lock on row in relation "meetings"')],
    ['a unique violation', pgError('23505', 'duplicate key value violates unique constraint')],
    ['bad input', pgError('22P02', 'invalid input syntax for type uuid')],
    ['a plain bug', new TypeError('Cannot read properties of undefined')],
    ['not an error', 'Connection terminated'],
  ])('%s: not unavailable', (_, err) => {
    expect(isDatabaseUnavailable(err)).toBe(false);
  });
});
