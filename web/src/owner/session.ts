import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { ApiFailure, apiClient, unwrap } from '../api/client.ts';
import { takeEarlyRefresh } from './early.ts';

const isUnauthenticated = (error: unknown) => error instanceof ApiFailure && error.failure.kind === 'problem' && error.failure.status === 401;

/**
 * The owner's session. The access token lives in this store's memory only; the refresh token
 * is the HttpOnly cookie the service set at login (refreshTokenIn: cookie), which no script can
 * read: after a reload, or when the access token has expired, POST /v1/auth/refresh {} gets a
 * new one with it. Nothing is written to localStorage. The first restore of a page load takes
 * the refresh the app's first script already started (early.ts): the cookie is single-use, so
 * the page must not send it twice.
 */
export const useSession = defineStore('session', () => {
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

  /** The fresh access token a verification answers with: it carries the owner grants just made. */
  function adopt(token: string): void {
    earlyRefresh = undefined;
    accessToken.value = token;
  }

  /** The service ended every session of this account (unbinding): forget the token here too. */
  function forget(): void {
    earlyRefresh = undefined;
    accessToken.value = undefined;
  }

  return { api, signedIn: computed(() => accessToken.value !== undefined), requestCode, logIn, restore, authorized, adopt, forget, logOut };
});
