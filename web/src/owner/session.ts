import { defineSessionStore } from '../shared/session.ts';
import { takeEarlyRefresh } from './early.ts';

/**
 * The owner's session (web/src/shared/session.ts): the access token in memory, the refresh
 * token an HttpOnly cookie. The first restore of a page load takes the refresh the app's first
 * script already started (early.ts): the cookie is single-use, so the page must not send it twice.
 */
export const useSession = defineSessionStore('session', takeEarlyRefresh);
