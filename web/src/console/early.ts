import type { Middleware } from 'openapi-fetch';

/**
 * The requests the console's first script (boot.ts) starts while the console's code is still
 * downloading: the session restore, then, with its token, the reads of the page the address names
 * (the cockpit's participation, the canvass list's first page, the walking lists). Taken once each:
 * the session store takes the refresh (a refresh token is single-use), the page's first read the
 * answer to its request. They stay in this tab's memory, like the access token.
 */
export interface ConsoleEarly {
  /** POST /v1/auth/refresh {} with the refresh cookie. */
  refresh?: Promise<Response>;
  /** GET answers by request (earlyKey of its path and query); undefined: not asked (no session). */
  reads: Record<string, Promise<Response | undefined>>;
  /** The access token the reads were sent with (undefined: none, the refresh failed). */
  token?: Promise<string | undefined>;
}

/**
 * How long after the page's start an early answer may stand for a fresh read: the page's first
 * reads come within a second or two; a read asked for later (the page opened again after a
 * detour through another) goes to the service, so nothing older than this is ever shown.
 */
const EARLY_FOR_MS = 10_000;

declare global {
  interface Window {
    gongjueConsoleEarly?: ConsoleEarly;
  }
}

/** A request's key: its path and its query's parameters in order, however the query was written. */
export function earlyKey(url: string): string {
  const { pathname, searchParams } = new URL(url, 'http://x');
  searchParams.sort();
  const query = searchParams.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** The early refresh, once: later restores ask the service themselves. */
export function takeEarlyRefresh(): Promise<Response> | undefined {
  const early = window.gongjueConsoleEarly;
  const refresh = early?.refresh;
  if (early) delete early.refresh;
  return refresh;
}

/**
 * For the API client: a GET the first script already sent is answered by its answer, once, when it
 * is asked with the same access token (the same session: not after a logout and another login)
 * within EARLY_FOR_MS of the page's start. Any other request, a later one and one the first script
 * could not make (no session) go to the service.
 */
export const earlyAnswers: Middleware = {
  async onRequest({ request }) {
    const early = window.gongjueConsoleEarly;
    if (!early || request.method !== 'GET') return undefined;
    if (performance.now() > EARLY_FOR_MS) {
      early.reads = {};
      return undefined;
    }
    const key = earlyKey(request.url);
    const read = early.reads[key];
    if (!read) return undefined;
    delete early.reads[key];
    const token = await early.token;
    if (token === undefined || request.headers.get('authorization') !== `Bearer ${token}`) return undefined;
    return (await read) ?? undefined;
  },
};
