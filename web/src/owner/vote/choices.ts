import { defineStore } from 'pinia';
import { reactive } from 'vue';

/** What an owner may choose on a motion: agree/oppose/abstain, an option id (or abstain), or candidate ids. */
export type Choice = string | string[];

interface Draft {
  /** The owner's pending choice per motion id: nothing here is sent before 确认提交. */
  choices: Record<string, Choice>;
  /** The review the owner is on; a new one each time the review page opens. */
  review: number;
  /** Idempotency-Key per `${motionId}:${voterId}` of this review: the same on every retry of it. */
  keys: Record<string, string>;
}

function newKey(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `vote-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * The owner's pending choices, per meeting, in this tab's memory only (pinia, no storage):
 * they survive going to the review page and back, and are gone when the tab is closed or
 * reloaded. A choice not yet sent is the owner's private intention, on a phone that is often
 * shared in the family; the service holds every vote that was sent (my-ballots), so nothing
 * the owner committed to can be lost this way.
 */
export const useChoices = defineStore('vote-choices', () => {
  const drafts = reactive<Record<string, Draft>>({});
  const draftOf = (meetingId: string): Draft => (drafts[meetingId] ??= { choices: {}, review: 0, keys: {} });

  const choiceOf = (meetingId: string, motionId: string): Choice | undefined => drafts[meetingId]?.choices[motionId];

  function choose(meetingId: string, motionId: string, choice: Choice | undefined): void {
    const draft = draftOf(meetingId);
    if (choice === undefined || (Array.isArray(choice) && choice.length === 0)) delete draft.choices[motionId];
    else draft.choices[motionId] = choice;
  }

  const chosen = (meetingId: string): Record<string, Choice> => drafts[meetingId]?.choices ?? {};

  /** A review starts: keys of an earlier review are dropped (its choices may have changed since). */
  function beginReview(meetingId: string): void {
    const draft = draftOf(meetingId);
    draft.review += 1;
    draft.keys = {};
  }

  /** The Idempotency-Key of this ballot in the current review: made once, reused by every retry. */
  function keyFor(meetingId: string, motionId: string, voterId: string): string {
    const draft = draftOf(meetingId);
    return (draft.keys[`${motionId}:${voterId}`] ??= newKey());
  }

  /** Everything was accepted: the pending choices are now the owner's ballots. */
  function sent(meetingId: string): void {
    delete drafts[meetingId];
  }

  return { choiceOf, choose, chosen, beginReview, keyFor, sent };
});
