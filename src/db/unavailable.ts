/**
 * Errors that say the database cannot serve us right now, not that the
 * request or our code is wrong: the connection was refused, dropped or timed
 * out, the server is shutting down, restarting or full, or one of our own
 * timeouts (DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_LOCK_TIMEOUT_MS) ended a
 * statement. A request answers these with 503 and Retry-After; a job is retried.
 */

/** SQLSTATEs of an unavailable server (class 08: connection exception). */
const UNAVAILABLE_STATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown
  '57P02', // crash_shutdown: another backend crashed, the server is recovering
  '57P03', // cannot_connect_now: starting up, shutting down, in recovery
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout ended the session
]);

/** Node's socket errors for a server that is not there (any more). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND']);

/** pg's and pg-pool's own words for a lost, unusable or unobtainable connection. */
const CONNECTION_MESSAGES = [
  'Connection terminated', // 'Connection terminated unexpectedly', '… due to connection timeout'
  'timeout exceeded when trying to connect', // pg-pool: no connection within connectionTimeoutMillis
  'is not queryable', // a client whose connection already failed
  'Query read timeout',
];

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 3) return false;
  const { code, message, errors, cause } = err as { code?: unknown; message?: unknown; errors?: unknown; cause?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (UNAVAILABLE_STATES.has(code) || SOCKET_CODES.has(code)) return true;
    // Our own limits, not a cancel asked for by someone or a NOWAIT.
    if (code === '57014' && typeof message === 'string' && message.includes('statement timeout')) return true;
    if (code === '55P03' && typeof message === 'string' && message.includes('lock timeout')) return true;
  }
  if (typeof message === 'string' && CONNECTION_MESSAGES.some((m) => message.includes(m))) return true;
  // Connecting to a name with several addresses fails with all their errors at once.
  if (Array.isArray(errors) && errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return cause !== undefined && isDatabaseUnavailable(cause, depth + 1);
}

/** What a 503 for an unavailable database tells the client to wait, in seconds. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
