import type { MessageKind } from './sms-provider.ts';

/**
 * The words of each message and the rules of when an SMS may go: pure
 * functions, no I/O. A message's text is rendered from its kind and template
 * parameters — what a provider's approved template renders — so the text a
 * development or HTTP sender sends is the text Alibaba or Tencent would send.
 */

/** The kinds written to the inbox only: never an SMS. */
export const INBOX_ONLY_KINDS = ['tally_discrepancy', 'sms_ceiling_reached'] as const;
export type InboxOnlyKind = (typeof INBOX_ONLY_KINDS)[number];
export type AnyMessageKind = MessageKind | InboxOnlyKind;

/** A message's link is stored as a path (`/meetings/<id>`) and made absolute with PUBLIC_BASE_URL when it is sent or read. */
export function absoluteLink(link: string, publicBaseUrl: string): string {
  return link.startsWith('/') ? `${publicBaseUrl}${link}` : link;
}

export function withAbsoluteLink(params: Record<string, string>, publicBaseUrl: string): Record<string, string> {
  return params.link === undefined ? params : { ...params, link: absoluteLink(params.link, publicBaseUrl) };
}

/** The SMS text of a message: short, Chinese, naming the estate and meeting, with the link. */
export function smsText(kind: MessageKind, p: Record<string, string>): string {
  switch (kind) {
    case 'login_code':
      return `【共决】您的登录验证码是${p.code}，5分钟内有效。请勿告诉他人。`;
    case 'meeting_noticed':
      return `【共决】${p.estate}业主大会“${p.meeting}”已公告，${p.opens}开始表决。详情：${p.link}`;
    case 'voting_opened':
      return `【共决】${p.estate}“${p.meeting}”现已开始表决，${p.closes}截止。投票：${p.link}`;
    case 'voting_reminder':
      return `【共决】${p.estate}“${p.meeting}”表决将于${p.closes}截止，您尚未完成投票：${p.link}`;
    case 'results_published':
      return `【共决】${p.estate}“${p.meeting}”表决结果已公告：${p.link}`;
    case 'result_final':
      return `【共决】${p.estate}“${p.meeting}”表决结果公示期满，异议均已答复，现为最终结果：${p.link}`;
    case 'result_certified':
      return `【共决】${p.estate}“${p.meeting}”表决结果已备案：${p.link}`;
    case 'petition_threshold':
      return `【共决】${p.estate}联名提议“${p.petition}”已达法定比例：${p.link}`;
    case 'verification_locked':
      return `【共决】${p.estate}业主${p.owner}的在线身份核验已暂停24小时，请核实。`;
    case 'owner_bound':
      return `【共决】${p.estate}：手机${p.phone}已绑定您的业主身份，如非本人操作请联系业委会：${p.link}`;
    case 'ballots_recorded':
      return `【共决】${p.estate}“${p.meeting}”：您的${p.count}项表决已记录，截止前可修改，以最后一次为准。回执：${p.link}`;
    case 'proxy_rejected':
      return `【共决】${p.estate}“${p.meeting}”：${p.grantor}委托您代为投票的委托书未通过审核，您不能代其投票。详情：${p.link}`;
    case 'proxy_revoked':
      return `【共决】${p.estate}“${p.meeting}”：${p.grantor}对您的投票委托已被撤销，您不能再代其投票。详情：${p.link}`;
  }
}

/** Quiet hours as minutes of the local day; start after end wraps midnight (21:00–08:00). */
export interface QuietHours {
  startMinute: number;
  endMinute: number;
}

/** `21:00-08:00` → minutes; null for `off` or empty. Throws on anything else. */
export function parseQuietHours(text: string): QuietHours | null {
  if (text === '' || text === 'off') return null;
  const m = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (!m) throw new Error('expected HH:MM-HH:MM (e.g. 21:00-08:00) or off');
  const startMinute = Number(m[1]) * 60 + Number(m[2]);
  const endMinute = Number(m[3]) * 60 + Number(m[4]);
  if (startMinute === endMinute) throw new Error('the start and end of quiet hours must differ');
  return { startMinute, endMinute };
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  minute: number;
}

function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get('year'), month: get('month'), day: get('day'), minute: get('hour') * 60 + get('minute') };
}

/** The instant a local wall-clock time of the zone falls on (zones of China have no daylight saving; others are right to the hour). */
function instantOf(year: number, month: number, day: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, 0, minute);
  const guess = new Date(wall);
  const p = localParts(guess, timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, 0, p.minute) - guess.getTime();
  return new Date(wall - offset);
}

/** The local date of an instant, `YYYY-MM-DD`. */
export function localDay(instant: Date, timeZone: string): string {
  const p = localParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** When the local day of the instant began. */
export function startOfLocalDay(instant: Date, timeZone: string): Date {
  const p = localParts(instant, timeZone);
  return instantOf(p.year, p.month, p.day, 0, timeZone);
}

/** When the next local day begins. */
export function startOfNextLocalDay(instant: Date, timeZone: string): Date {
  const p = localParts(instant, timeZone);
  return instantOf(p.year, p.month, p.day + 1, 0, timeZone);
}

/** When the quiet hours the instant falls in end; null when it is not in quiet hours. */
export function quietHoursEnd(instant: Date, timeZone: string, quiet: QuietHours | null): Date | null {
  if (!quiet) return null;
  const p = localParts(instant, timeZone);
  const { startMinute: s, endMinute: e } = quiet;
  const wraps = s > e;
  const inQuiet = wraps ? p.minute >= s || p.minute < e : p.minute >= s && p.minute < e;
  if (!inQuiet) return null;
  // Past the start on a wrapping night: the quiet ends tomorrow morning; otherwise later today.
  const tomorrow = wraps && p.minute >= s;
  return instantOf(p.year, p.month, p.day + (tomorrow ? 1 : 0), e, timeZone);
}
