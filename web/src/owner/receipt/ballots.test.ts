import { describe, expect, it } from 'vitest';
import zhCN from '../messages/zh-CN.ts';
import { channelWords, choiceWords, codeGroups, hasBallot, localTime, type Meeting, type MyBallot, receiptMotions } from './ballots.ts';

/** The receipt says each standing ballot as the ballot paper says it (receipt/ballots.ts). */
const lookup = (key: string): string => key.split('.').reduce<unknown>((at, part) => (at as Record<string, unknown>)[part], zhCN) as string;
const t = (key: string) => lookup(key);

type Motion = Meeting['motions'][number];
const motion = (over: Partial<Motion>): Motion => ({ id: 'm', position: 1, matter: 'other_major', kind: 'yes_no', title: '议题', text: '', options: null, candidates: null, seats: null, scope: { kind: 'estate' }, liftInstallation: false, documents: [], rule: {} as Motion['rule'], electorate: null, ...over });
const ballot = (choice: unknown, over: Partial<NonNullable<MyBallot['current']>> = {}): NonNullable<MyBallot['current']> => ({ choice, spoiled: false, channel: 'online', castAt: '2026-12-05T05:38:51.000Z', version: 1, receipt: 'ab'.repeat(32), byYou: true, ...over });

describe('choiceWords', () => {
  it('says 同意 / 反对 / 弃权, the option’s label, the chosen candidates’ names', () => {
    expect(choiceWords(motion({}), ballot('agree'), t)).toBe('同意');
    expect(choiceWords(motion({}), ballot('abstain'), t)).toBe('弃权');
    const options = motion({ kind: 'options', options: [{ id: 'a', label: '甲物业' }, { id: 'b', label: '乙物业' }] });
    expect(choiceWords(options, ballot('b'), t)).toBe('乙物业');
    expect(choiceWords(options, ballot('abstain'), t)).toBe('弃权');
    const election = motion({ kind: 'election', seats: 2, candidates: [{ id: 'c1', name: '刘建国' }, { id: 'c2', name: '陈秀英' }, { id: 'c3', name: '周德明' }] });
    expect(choiceWords(election, ballot(['c1', 'c3']), t)).toBe('刘建国、周德明');
    expect(choiceWords(election, ballot([]), t)).toBe('弃权（没有选择候选人）');
  });

  it('says a spoiled paper ballot is spoiled, whatever it carries', () => {
    expect(choiceWords(motion({}), ballot(undefined, { spoiled: true, channel: 'paper' }), t)).toBe('废票');
  });
});

describe('the rest of the receipt', () => {
  it('names the channel that stands', () => {
    expect(channelWords('paper', t)).toBe('纸质表决票');
    expect(channelWords('online', t)).toBe('网上表决');
  });

  it('cuts a code into groups of four, every character kept', () => {
    const code = '0123456789abcdef'.repeat(4);
    expect(codeGroups(code)).toHaveLength(16);
    expect(codeGroups(code).join('')).toBe(code);
  });

  it('writes times in the estate’s own time zone', () => {
    expect(localTime('2026-12-05T05:38:51.000Z', 'Asia/Shanghai', 'zh-CN')).toBe('2026年12月5日 13:38:51');
  });

  it('lists the motions the owner votes on, in the meeting’s order, and knows when nothing stands yet', () => {
    const meeting = { motions: [motion({ id: 'm2', position: 2 }), motion({ id: 'm1', position: 1 }), motion({ id: 'm3', position: 3 })] } as Meeting;
    const mine = (motionId: string, current: MyBallot['current']) => ({ motionId, voterId: 'v', owners: [], developer: false, area: '89.50', current }) as unknown as MyBallot;
    const none = receiptMotions(meeting, [mine('m2', null), mine('m1', null)]);
    expect(none.map((m) => m.id)).toEqual(['m1', 'm2']); // m3: not in the owner's scope
    expect(hasBallot(none)).toBe(false);
    expect(hasBallot(receiptMotions(meeting, [mine('m2', ballot('agree'))]))).toBe(true);
  });
});
