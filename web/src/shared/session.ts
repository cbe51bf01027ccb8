import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiFailure, apiClient, unwrap } from '../api/client.ts';

const isUnauthenticated = (error: unknown) => error instanceof ApiFailure && error.failure.kind === 'problem' && error.failure.status === 401;

/**
 * A signed-in person's session in a web app. The access token lives in this store's memory
 * only; the refresh token is the HttpOnly cookie the service set at login (refreshTokenIn:
 * cookie), which no script can read: after a reload, or when the access token has expired,
 * POST /v1/auth/refresh {} gets a new one with it. Nothing is written to localStorage.
 *
 * `takeEarlyRefresh` hands over a refresh a page's first script already started (the owner
 * app's boot.ts): the cookie is single-use, so a page load must not send it twice.
 */
export function defineSessionStore(id: string, takeEarlyRefresh: () => Promise<Response> | undefined = () => undefined) {
  return defineStore(id, () => {
    const accessToken = ref<string>();
    const api = apiClient(() => accessToken.value);
    let restoring: Promise<boolean> | undefined;
    let earlyRefresh = takeEarlyRefresh();

    const requestCode = (phone: string) => unwrap(() => api.POST('/v1/auth/login-codes', { body: { phone } }));

    async function logIn(phone: string, code: string): Promise<void> {
      const session = await unwrap(() => api.POST('/v1/auth/sessions', { body: { phone, code, refreshTokenIn: 'cookie' } }));
      earlyRefresh = undefined; // answered for the cookie before this login
      accessToken.value = session.accessToken;
    }

    /** A new access token from the refresh cookie: false when there is no live session (log in again). */
    function restore(): Promise<boolean> {
      restoring ??= (async () => {
        const early = earlyRefresh;
        earlyRefresh = undefined;
        try {
          accessToken.value = (await unwrap(() => api.POST('/v1/auth/refresh', { body: {}, ...(early ? { fetch: () => early } : {}) }))).accessToken;
          return true;
        } catch (error) {
          if (!isUnauthenticated(error)) throw error;
          accessToken.value = undefined;
          return false;
        } finally {
          restoring = undefined;
        }
      })();
      return restoring;
    }

    /** A call that needs the access token: refreshed once and tried again when it has expired. */
    async function authorized<T>(call: () => Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
      try {
        return await unwrap(call);
      } catch (error) {
        if (isUnauthenticated(error) && (await restore())) return unwrap(call);
        throw error;
      }
    }

    async function logOut(): Promise<void> {
      earlyRefresh = undefined;
      try {
        await unwrap(() => api.DELETE('/v1/auth/refresh'));
      } finally {
        accessToken.value = undefined;
      }
    }

    /** A fresh access token the service answered with (it carries grants just made). */
    function adopt(token: string): void {
      earlyRefresh = undefined;
      accessToken.value = token;
    }

    /** The service ended every session of this account: forget the token here too. */
    function forget(): void {
      earlyRefresh = undefined;
      accessToken.value = undefined;
    }

    /** The access token itself, for the few requests the typed client cannot make (a file download, an event stream). */
    const token = () => accessToken.value;

    return { api, signedIn: computed(() => accessToken.value !== undefined), requestCode, logIn, restore, authorized, adopt, forget, logOut, token };
  });
}
