import { ref } from 'vue';
import type { paths } from '../../api/schema.ts';
import { answeredFirstBy, takeEarlyMeeting } from '../early.ts';
import { useSession } from '../session.ts';

export type MeetingData = paths['/v1/meetings/{meetingId}']['get']['responses'][200]['content']['application/json'];
export type Motion = MeetingData['motions'][number];
export type MyBallots = paths['/v1/meetings/{meetingId}/my-ballots']['get']['responses'][200]['content']['application/json'];
export type BallotItem = MyBallots['items'][number];

/**
 * The meeting and the owner's ballots on it, as the service says them (GET /v1/meetings/{id}
 * and …/my-ballots): read by the meeting page and again by the review page, so what the owner
 * confirms is checked against what the service says now. Opened from an SMS link, the first
 * load takes the answers the app's first script asked for already (early.ts).
 */
const isOk = (answer: { status: number }) => answer.status >= 200 && answer.status < 300;

export function useMeetingData() {
  const session = useSession();
  const meeting = ref<MeetingData>();
  const ballots = ref<MyBallots>();

  async function load(meetingId: string): Promise<void> {
    const path = { params: { path: { meetingId } } };
    const early = takeEarlyMeeting(meetingId);
    // The usual SMS link: both reads are here already and answered 200 — taken as they are, before any wait, so
    // the page's first render is the meeting (no "loading" frame first). Anything else goes through the client below.
    const carried = early?.carried;
    if (carried && isOk(carried.meeting) && isOk(carried.myBallots)) {
      meeting.value = carried.meeting.body as MeetingData;
      ballots.value = carried.myBallots.body as MyBallots;
      return;
    }
    const meetingVia = early ? { fetch: answeredFirstBy(early.meeting) } : {};
    const ballotsVia = early ? { fetch: answeredFirstBy(early.ballots) } : {};
    const [m, b] = await Promise.all([
      session.authorized(() => session.api.GET('/v1/meetings/{meetingId}', { ...path, ...meetingVia })),
      session.authorized(() => session.api.GET('/v1/meetings/{meetingId}/my-ballots', { ...path, ...ballotsVia })),
    ]);
    meeting.value = m;
    ballots.value = b;
  }

  /** The voters the owner belongs to on a motion (none: not in its scope). */
  const itemsOf = (motionId: string): BallotItem[] => ballots.value?.items.filter((i) => i.motionId === motionId) ?? [];

  return { meeting, ballots, load, itemsOf };
}
