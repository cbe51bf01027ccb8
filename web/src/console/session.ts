import { defineSessionStore } from '../shared/session.ts';

/** The staff member's session (web/src/shared/session.ts): the access token in memory, the refresh token an HttpOnly cookie. */
export const useSession = defineSessionStore('console-session');
