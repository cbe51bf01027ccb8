import { defineSessionStore } from '../shared/session.ts';
import { takeEarlyRefresh } from './early.ts';

/**
 * The staff member's session (web/src/shared/session.ts): the access token in memory, the refresh
 * token an HttpOnly cookie. The first restore takes the refresh the console's first script started
 * (boot.ts, early.ts): the cookie is single-use, so a page load refreshes once.
 */
export const useSession = defineSessionStore('console-session', takeEarlyRefresh);
