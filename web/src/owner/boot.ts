/**
 * The owner app's first script (inlined into index.html before the app; vite.config.ts): it starts,
 * while the app's code is still on its way over a slow phone network, what an SMS link to
 * /meetings/<id> waits for — the session restore (POST /v1/auth/refresh {} with the refresh
 * cookie), which there also brings the meeting and the owner's ballots — and leaves the requests
 * in window.gongjueEarly for the app (early.ts). It imports no code, so it can be inlined as a
 * classic script. It runs while the page is parsed, before the app's module scripts, so the
 * app never refreshes alongside it: one refresh per page load.
 */
import type { EarlyMeeting, EarlyRequests } from './early.ts';

/** i18n.ts's key for the owner's language on this phone (this script imports nothing, so it says it again). */
const LOCALE_KEY = 'gongjue.locale';

// index.html's first words (until the app replaces them) in English when the owner chose English before.
try {
  if (localStorage.getItem(LOCALE_KEY) === 'en') document.documentElement.lang = 'en';
} catch {
  // storage refused (private mode): Chinese, as the app will be
}

const early: EarlyRequests = {};
window.gongjueEarly = early;

// The login page has no session to restore; every other page may need one.
if (window.location.pathname !== '/login') {
  // On /meetings/<id> the refresh also reads the meeting and my ballots on it with the new token
  // (withMeeting): one round trip instead of two in a row. An id that is not a UUID the app asks
  // about (and explains) itself.
  const meetingPath = /^\/meetings\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(window.location.pathname);
  const meetingId = meetingPath?.[1];
  const refresh = fetch('/v1/auth/refresh', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: meetingId === undefined ? '{}' : JSON.stringify({ withMeeting: meetingId }),
    credentials: 'same-origin',
  });
  refresh.catch(() => undefined); // a failure is the app's to report, when it takes the request
  early.refresh = refresh;

  if (meetingId !== undefined) {
    const carried = refresh
      .then((answer) => (answer.ok ? (answer.clone().json() as Promise<{ withMeeting?: EarlyMeeting['carried'] }>) : undefined))
      .then((session) => session?.withMeeting)
      .catch(() => undefined);
    // Each read's answer as the app's client reads a response: JSON, or a problem when not 2xx.
    const answerOf = (read: 'meeting' | 'myBallots') =>
      carried.then((reads) => {
        const answer = reads?.[read];
        if (!answer) return undefined; // the refresh failed: the app restores the session and asks itself
        const type = answer.status >= 200 && answer.status < 300 ? 'application/json' : 'application/problem+json';
        return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { 'content-type': type } });
      });
    const meeting: EarlyMeeting = { id: meetingId, meeting: answerOf('meeting'), ballots: answerOf('myBallots') };
    // And as they came, for the app to take at once when both are there (vote/meeting-data.ts).
    void carried.then((reads) => (meeting.carried = reads));
    early.meeting = meeting;
  }
}
