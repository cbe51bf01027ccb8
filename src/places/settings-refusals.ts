import type { z } from 'zod';
import { isMatter, MATTER_TITLES, statutoryRule, thresholdWords, type Threshold } from '../tally/index.ts';
import type { Words } from './settings-statutes.ts';

/**
 * Why a setting was refused, in the staff's words (zh, en), with what to do next. Beside the
 * statutes' own words (settings-statutes.ts) and built from the same floors the settings
 * enforce (estate-settings.ts, the tally engine's profiles), so a refusal cannot name another
 * floor than the one that refused. The console shows these sentences as they are.
 */

const NAMES: Record<string, Words> = {
  profile: { zh: '适用的法律', en: 'law applied' },
  noticeDays: { zh: '会议公告提前天数', en: 'days of notice' },
  temporaryNoticeDays: { zh: '临时会议公告提前天数', en: 'days of notice for temporary meetings' },
  windowDays: { zh: '表决期限', en: 'voting window' },
  'windowDays.min': { zh: '表决期限的最短天数', en: 'shortest voting window' },
  'windowDays.max': { zh: '表决期限的最长天数', en: 'longest voting window' },
  countParking: { zh: '车位是否计入', en: 'whether parking spaces count' },
  nonVoters: { zh: '未参与表决的业主', en: 'owners who did not vote' },
  coOwnerVoting: { zh: '共有人投票', en: 'co-owners’ vote' },
  liftConsentTwoThirds: { zh: '加装电梯另需三分之二同意', en: 'the lift’s two-thirds consent' },
  maxProxiesPerHolder: { zh: '一位代理人最多代理的户数', en: 'owners one proxy may represent' },
  minimumAssurance: { zh: '在线投票所需的最低认证等级', en: 'lowest verification to vote online' },
  residentsCommitteePhone: { zh: '居民委员会接收通知的手机号', en: 'residents’ committee mobile' },
  overrides: { zh: '更严格的比例', en: 'stricter shares' },
};

const PART: Record<string, Words> = { quorum: { zh: '参与表决', en: 'taking part' }, approval: { zh: '同意', en: 'agreeing' } };

function nameOf(path: readonly PropertyKey[]): Words {
  const key = path.map(String).join('.');
  if (NAMES[key]) return NAMES[key];
  if (path[0] === 'overrides' && typeof path[1] === 'string' && isMatter(path[1])) {
    const title = MATTER_TITLES[path[1]];
    const part = PART[String(path[2])];
    return part ? { zh: `“${title.zh}”的${part.zh}比例`, en: `the ${part.en} share for “${title.en}”` } : { zh: `“${title.zh}”的比例`, en: `the share for “${title.en}”` };
  }
  return NAMES[String(path[0])] ?? { zh: key, en: key };
}

/** A setting refused by its schema (a number out of bounds, an unknown choice, a malformed phone). */
export function settingRefusalWords(issue: z.core.$ZodIssue): Words {
  const field = String(issue.path[0] ?? '');
  const name = nameOf(issue.path);
  if (field === 'noticeDays' && issue.code === 'too_small') {
    const days = Number(issue.minimum);
    return {
      zh:
        `会议公告提前天数不能少于${days}日：物业管理条例第十四条规定，召开业主大会会议应当于会议召开${days}日以前通知全体业主。` +
        `请填写${days}或更大的数；所在城市允许临时会议提前7日公告的，请填在“临时会议公告提前天数”中。`,
      en:
        `Days of notice cannot be fewer than ${days}: the Property Management Regulations (art. 14) require owners to be notified ${days} days ` +
        `before a meeting. Enter ${days} or more; where the city allows 7 days for temporary meetings, enter that under “Days of notice, temporary meetings”.`,
    };
  }
  if (field === 'temporaryNoticeDays' && issue.code === 'too_small') {
    const days = Number(issue.minimum);
    return {
      zh: `临时会议公告提前天数不能少于${days}日，这是地方规定（如杭州）允许的最短期限。请填写${days}或更大的数，或清空，按普通会议的天数。`,
      en: `Days of notice for temporary meetings cannot be fewer than ${days}, the shortest local rules (e.g. Hangzhou) allow. Enter ${days} or more, or leave it empty to use the regular notice.`,
    };
  }
  switch (issue.code) {
    case 'too_small':
      return {
        zh: `${name.zh}不能小于${String(issue.minimum)}。请填写${String(issue.minimum)}或更大的数后再保存。`,
        en: `The ${name.en} cannot be less than ${String(issue.minimum)}. Enter ${String(issue.minimum)} or more and save again.`,
      };
    case 'too_big':
      return {
        zh: `${name.zh}不能大于${String(issue.maximum)}。请填写${String(issue.maximum)}或更小的数后再保存。`,
        en: `The ${name.en} cannot be more than ${String(issue.maximum)}. Enter ${String(issue.maximum)} or less and save again.`,
      };
    case 'unrecognized_keys':
      return {
        zh: `设置中有系统不认识的项目（${issue.keys.join('、')}）。请刷新页面后重新修改。`,
        en: `The settings hold fields the service does not know (${issue.keys.join(', ')}). Reload the page and change them again.`,
      };
    case 'invalid_format':
      if (field === 'residentsCommitteePhone') {
        return {
          zh: '居民委员会的手机号应是11位大陆手机号（以1开头）。请核对后再保存，或清空不填。',
          en: 'The residents’ committee mobile must be an 11-digit mainland mobile number starting with 1. Check it and save again, or leave it empty.',
        };
      }
      break;
    case 'custom':
      if (field === 'windowDays') {
        return {
          zh: '表决期限的最短天数不能大于最长天数。请调整其中一个后再保存。',
          en: 'The shortest voting window cannot be longer than the longest. Change one of them and save again.',
        };
      }
      break;
  }
  return {
    zh: `${name.zh}的值不符合要求。请重新选择或填写后再保存。`,
    en: `The ${name.en} is not a value the service accepts. Choose or enter it again and save.`,
  };
}

/** An override looser than the statute's floor (R2.6), from the tally engine's path `settings.overrides.<matter>.<part>`. */
export function overrideRefusalWords(profile: Parameters<typeof statutoryRule>[0], path: string): Words {
  const [, , matter, part] = path.split('.');
  if (!matter || !isMatter(matter) || (part !== 'quorum' && part !== 'approval')) {
    return { zh: '比例设置不符合法律规定。请检查后再保存。', en: 'A share does not meet the statute. Check it and save again.' };
  }
  const floor = statutoryRule(profile, matter);
  const threshold: Threshold = (part === 'quorum' ? floor.quorum : floor.approval) ?? { num: 0, den: 1, strict: false };
  const share = thresholdWords(threshold);
  const name = nameOf(['overrides', matter, part]);
  return {
    zh:
      `${name.zh}不能低于法定标准“${share.zh}”（${floor.statute.zh}）。小区只能规定比法定标准更严格的比例：` +
      '请提高这个比例，或点“取消，按法定比例”。',
    en:
      `${name.en[0]!.toUpperCase()}${name.en.slice(1)} cannot be below the statute’s “${share.en}” (${floor.statute.en}). ` +
      'An estate may only be stricter: raise the share, or choose “Remove; follow the statute”.',
  };
}
