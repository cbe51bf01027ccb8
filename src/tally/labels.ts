// What a choice is called in the report, in both languages.

import type { MotionKind } from './record.ts';

export interface Label {
  readonly zh: string;
  readonly en: string;
}

const YES_NO: Readonly<Record<string, Label>> = {
  agree: { zh: '同意', en: 'agree' },
  oppose: { zh: '反对', en: 'oppose' },
  abstain: { zh: '弃权', en: 'abstain' },
};

/** Option labels and candidate names as announced, keyed by id. */
export type Names = ReadonlyMap<string, string>;

export function choiceLabel(kind: MotionKind, id: string, names: Names): Label {
  if (kind === 'yes_no') return YES_NO[id] ?? { zh: id, en: id };
  if (kind === 'petition') return { zh: '联名', en: 'signatures' };
  if (id === 'abstain') return kind === 'election' ? { zh: '空白票（弃权）', en: 'blank (abstain)' } : YES_NO.abstain!;
  const name = names.get(id) ?? id;
  return kind === 'options' ? { zh: `选项「${name}」`, en: `option "${name}"` } : { zh: `候选人「${name}」`, en: `candidate "${name}"` };
}
