import type { Report } from '../tally/index.ts';

/**
 * What a reader of the printed result notice checks besides the figures (certification format
 * version 2, issue 17): per motion its number, title, matter, kind, the labels of its options or
 * candidates and the verdict in the words the notice prints. Pure: the service signs these at
 * certification, and `gongjue verify` derives them again from the recount of each tally record, so
 * both sides compute them with this one function. Only what the notice prints in Chinese; nothing
 * personal (candidates' names are public, as announced).
 */

/** The verdict as the printed notice words it (R4.7). */
export const OUTCOME_TEXT: Record<string, string> = {
  passed: '通过',
  rejected: '未通过',
  no_quorum: '参与表决人数或面积未达法定要求，未形成决定',
  decided: '已形成决定',
  no_decision: '未形成决定',
  threshold_met: '达到法定比例',
  threshold_not_met: '未达到法定比例',
};

export const verdictText = (outcome: string) => OUTCOME_TEXT[outcome] ?? outcome;

export interface CertifiedMotionNames {
  /** 表决事项 N: the motion's place in the meeting, from 1. */
  position: number;
  title: string;
  matter: string;
  /** The matter's title as printed (事项类别). */
  matterTitle: string;
  kind: string;
  /** The verdict's words as printed (表决结果). */
  verdictText: string;
  /** The options, candidates or agree/oppose/abstain, in the engine's order, labelled as printed. */
  choices: { id: string; label: string }[];
}

export function certifiedMotionNames(motion: { position: number; title: string }, report: Pick<Report, 'motion' | 'choices' | 'verdict'>): CertifiedMotionNames {
  return {
    position: motion.position,
    title: motion.title,
    matter: report.motion.matter,
    matterTitle: report.motion.matterTitle.zh,
    kind: report.motion.kind,
    verdictText: verdictText(report.verdict.outcome),
    choices: report.choices.map((c) => ({ id: c.id, label: c.label.zh })),
  };
}
