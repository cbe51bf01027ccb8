import type { Job } from './work.ts';

/** What the rest of the app sees of the job system, whichever runner is behind it. */
export interface JobRunner {
  readonly mode: 'bullmq' | 'in-process' | 'off';
  /** Starts working (workers, timers); the first reconciliation runs at once. */
  start(): Promise<void>;
  /** Look for due work soon: after a change that may have made some (a notice, an event). Never throws. */
  kick(): void;
  /** Schedules jobs now (deterministic keys: twice is harmless). */
  enqueue(jobs: Job[]): Promise<void>;
  /** Queue depth and failures, for /readyz. */
  stats(): Promise<Record<string, QueueCounts>>;
  /** Stops taking work and finishes the job in hand. */
  stop(): Promise<void>;
}

export interface QueueCounts {
  waiting: number;
  delayed: number;
  active: number;
  failed: number;
}

/** A runner that runs nothing: an API instance whose jobs run elsewhere, or a test that drives jobs itself. */
export const noRunner: JobRunner = {
  mode: 'off',
  start: async () => {},
  kick: () => {},
  enqueue: async () => {},
  stats: async () => ({}),
  stop: async () => {},
};
