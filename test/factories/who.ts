import { type Principal, actorOf, principalFromClaims } from '../../src/identity/principal.ts';
import type { TestApp } from '../helpers/app.ts';

/**
 * Factories take "who does it" as the routes do, as an access token, so a
 * test names the same person whether it builds its world here or over HTTP.
 * The token is read, not verified: it was issued by this app a moment ago.
 */
export function principalOf(t: TestApp, token: string): Principal {
  return principalFromClaims(t.app.jwt.decode(token));
}

/** The audit log's name for the holder of `token`. */
export const actorFor = (t: TestApp, token: string): string => actorOf(principalOf(t, token));
