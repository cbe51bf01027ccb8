/**
 * The requests the owner app's first script (boot.ts) starts while the app itself is still
 * downloading, handed over to the app here. Each is taken once: the session store takes the
 * refresh (a refresh token is single-use, so a page load refreshes once), the meeting page the
 * meeting and the owner's ballots. The answers stay in this tab's memory, like the access token.
 */
export interface EarlyRequests {
  /** POST /v1/auth/refresh {} with the refresh cookie. */
  refresh?: Promise<Response>;
  /** On /meetings/<id>: the meeting's and my-ballots' answers the refresh brought (withMeeting; undefined: the refresh failed). */
  meeting?: EarlyMeeting;
}

/** One of the reads the refresh carried, as its route answered it. */
export interface CarriedAnswer {
  status: number;
  body: unknown;
}

export interface EarlyMeeting {
  id: string;
  meeting: Promise<Response | undefined>;
  ballots: Promise<Response | undefined>;
  /** Both answers as they arrived, once they have (set by boot.ts): read at once, no wait for a Response's body. */
  carried?: { meeting: CarriedAnswer; myBallots: CarriedAnswer };
}

declare global {
  interface Window {
    gongjueEarly?: EarlyRequests;
  }
}

/** The early refresh, once: later restores ask the service themselves. */
export function takeEarlyRefresh(): Promise<Response> | undefined {
  const early = window.gongjueEarly;
  const refresh = early?.refresh;
  if (early) delete early.refresh;
  return refresh;
}

/** The early meeting and ballots, once, when they are of this meeting. */
export function takeEarlyMeeting(meetingId: string): EarlyMeeting | undefined {
  const early = window.gongjueEarly;
  const meeting = early?.meeting;
  if (!early || meeting?.id !== meetingId) return undefined;
  delete early.meeting;
  return meeting;
}

/**
 * An openapi-fetch `fetch` that answers the first call with an early answer (when there is one)
 * and asks the network for any later call (a retry after a refresh).
 */
export function answeredFirstBy(early: Promise<Response | undefined>): (request: Request) => Promise<Response> {
  let used = false;
  return async (request) => {
    if (!used) {
      used = true;
      const answer = await early;
      if (answer) return answer;
    }
    return fetch(request);
  };
}
