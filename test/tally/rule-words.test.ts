import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, ruleFor, ruleWords, type MotionTerms, type Settings } from '../../src/tally/index.ts';

/** The rule said in plain words (issue 15) from the applied rule: every profile, matter class, the lift and an override. */
const motion = (over: Record<string, unknown> = {}) => ({ id: 'm', matter: 'other_major', kind: 'yes_no', ...over }) as unknown as MotionTerms;
const words = (m: MotionTerms, settings: Settings = DEFAULT_SETTINGS, kind: 'yes_no' | 'options' | 'election' = 'yes_no') => ruleWords(ruleFor(m, settings), kind);

describe('ruleWords', () => {
  it('says the Civil Code’s special and ordinary rules as the issue writes them', () => {
    expect(words(motion({ matter: 'rebuild' })).zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三');
    expect(words(motion()).zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要过半数');
    expect(words(motion()).en).toBe('Owners with at least 2/3 of the area and at least 2/3 of the owners must take part; those agreeing must hold more than half of the area and of the owners taking part');
  });

  it('names who must reach the share by the motion’s kind', () => {
    expect(words(motion(), DEFAULT_SETTINGS, 'election').zh).toContain('每位当选人得到的面积和人数都要过半数');
    expect(words(motion(), DEFAULT_SETTINGS, 'options').zh).toContain('选择同一选项的面积和人数都要过半数');
  });

  it('under the Property Law: no quorum, shares of the whole estate', () => {
    const law: Settings = { ...DEFAULT_SETTINGS, profile: 'property-law-2007' };
    expect(words(motion(), law).zh).toBe('同意的面积和人数都要超过全体业主的一半');
    expect(words(motion({ matter: 'rebuild' }), law).zh).toBe('同意的面积和人数都要达到全体业主的三分之二');
  });

  it('adds the stairwell’s lift consent where the estate asks for it, and an estate’s stricter override', () => {
    const lift = motion({ matter: 'rebuild', scope: { kind: 'stair', building: '1栋', stair: '1单元' }, liftInstallation: true });
    expect(words(lift, { ...DEFAULT_SETTINGS, liftConsentTwoThirds: true }).zh).toBe(
      '参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到四分之三，加装电梯还要本单元三分之二以上的业主同意',
    );
    const strict: Settings = { ...DEFAULT_SETTINGS, overrides: { other_major: { approval: { num: 4, den: 5, strict: false } } } };
    expect(words(motion(), strict).zh).toBe('参与表决的面积和人数都要达到三分之二，同意的面积和人数都要达到五分之四');
  });
});
