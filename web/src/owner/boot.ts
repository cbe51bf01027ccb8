/**
 * The owner app's first script (inlined into index.html before the app; vite.config.ts): it starts,
 * while the app's code is still on its way over a slow phone network, what an SMS link to
 * /meetings/<id> waits for — the session restore (POST /v1/auth/refresh {} with the refresh
 * cookie), then the meeting and the owner's ballots, and the meeting page's code — and leaves the
 * requests in window.gongjueEarly for the app (early.ts). It imports no code, so it can be inlined
 * as a classic script. It runs while the page is parsed, before the app's module scripts, so the
 * app never refreshes alongside it: one refresh per page load.
 */
import type { EarlyRequests } from './early.ts';

const early: EarlyRequests = {};
window.gongjueEarly = early;

// The login page has no session to restore; every other page may need one.
if (window.location.pathname !== '/login') {
  const refresh = fetch('/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
  refresh.catch(() => undefined); // a failure is the app's to report, when it takes the request
  early.refresh = refresh;

  const meetingPath = /^\/meetings\/([^/?#]+)\/?$/.exec(window.location.pathname);
  if (meetingPath) {
    const token = refresh
      .then((answer) => (answer.ok ? (answer.clone().json() as Promise<{ accessToken?: string }>) : undefined))
      .then((session) => session?.accessToken)
      .catch(() => undefined);
    const get = (path: string) =>
      token.then((accessToken) => (accessToken === undefined ? undefined : fetch(path, { headers: { authorization: `Bearer ${accessToken}` }, credentials: 'same-origin' }))).catch(() => undefined);
    const segment = meetingPath[1]!;
    let id: string | undefined;
    try {
      id = decodeURIComponent(segment);
    } catch {
      id = undefined; // not a meeting id: the app asks (and says so) itself
    }
    if (id !== undefined) early.meeting = { id, meeting: get(`/v1/meetings/${segment}`), ballots: get(`/v1/meetings/${segment}/my-ballots`) };

    // The meeting page's code and styles, listed on this script's tag by the build (vite.config.ts).
    const tag = document.currentScript instanceof HTMLScriptElement ? document.currentScript : document.querySelector<HTMLScriptElement>('script[data-meeting-js]');
    const link = (rel: string, href: string, as?: string) => {
      const element = document.createElement('link');
      element.rel = rel;
      element.href = href;
      if (as) element.as = as;
      element.crossOrigin = ''; // as the app's own loads ask (Vite's), so they find these in the preload cache
      // Below the session and the meeting's reads: over HTTP/1.1 only six requests run at once, and a preloaded
      // stylesheet would otherwise take a free connection before them (stylesheets go first).
      element.setAttribute('fetchpriority', 'low');
      document.head.appendChild(element);
    };
    for (const href of (tag?.dataset.meetingJs ?? '').split(' ').filter(Boolean)) link('modulepreload', href);
    // preload, not stylesheet: the app's own import of the page then adds the stylesheet and waits for it.
    for (const href of (tag?.dataset.meetingCss ?? '').split(' ').filter(Boolean)) link('preload', href, 'style');
  }
}
