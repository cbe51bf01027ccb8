/**
 * The console's first script (inlined into console/index.html before the app; vite.config.ts). A
 * page of the console opened anew (an organiser's bookmark of the cockpit, a reload, a walking list
 * opened to print) first needs the session restored from the refresh cookie, then the page's own
 * read: this script starts both while the console's code is downloaded and run, instead of after it,
 * and leaves them in window.gongjueConsoleEarly for the app (early.ts), which asks the service itself
 * for anything else. It imports no code, so it can be inlined as a classic script; it runs before
 * the app's module scripts, so the app never refreshes alongside it: one refresh per page load.
 */
import type { ConsoleEarly } from './early.ts';

const early: ConsoleEarly = { reads: {} };
window.gongjueConsoleEarly = early;

const path = window.location.pathname;
if (!/^\/console\/login\/?$/.test(path)) {
  const refresh = fetch('/v1/auth/refresh', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', credentials: 'same-origin' });
  refresh.catch(() => undefined); // a failure is the app's to report, when it takes the request
  early.refresh = refresh;
  const token = refresh
    .then((answer) => (answer.ok ? (answer.clone().json() as Promise<{ accessToken?: string }>) : undefined))
    .then((session) => session?.accessToken)
    .catch(() => undefined);
  early.token = token;
  /** A GET with the restored session's token; undefined when there is none (the app asks itself). Keys as early.ts's earlyKey. */
  const read = (url: string) => {
    early.reads[url] = token.then((bearer) => (bearer ? fetch(url, { headers: { authorization: `Bearer ${bearer}` }, credentials: 'same-origin' }) : undefined)).catch(() => undefined);
  };

  const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
  const page = new RegExp(`^/console/estates/${uuid}/(cockpit|canvass)/(${uuid})(/print)?/?$`, 'i').exec(path);
  const meeting = page?.[2];
  if (page && meeting) {
    const search = new URLSearchParams(window.location.search);
    if (page[1] === 'cockpit' && !page[3]) read(`/v1/meetings/${meeting}/participation`);
    if (page[1] === 'canvass' && !page[3]) {
      // The canvass page's first reads: the meeting, and the first page of its list with no filter.
      read(`/v1/meetings/${meeting}`);
      read(`/v1/meetings/${meeting}/canvass?page=1&pageSize=20`);
    }
    if (page[1] === 'canvass' && page[3]) {
      // The walking lists, of the building and motion the address names (the print link's query).
      const query = new URLSearchParams();
      for (const name of ['building', 'motionId']) if (search.get(name)) query.set(name, search.get(name)!);
      query.sort();
      const wanted = query.toString();
      read(`/v1/meetings/${meeting}/canvass/walking-lists${wanted ? `?${wanted}` : ''}`);
    }
  }
}
