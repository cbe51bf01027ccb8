import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { localDay, parseQuietHours, quietHoursEnd, smsText, startOfLocalDay, startOfNextLocalDay, withAbsoluteLink } from '../../src/notifications/messages.ts';
import { messageSealKey, openSealedParams, sealParams } from '../../src/notifications/seal.ts';
import { MESSAGE_KINDS, TEMPLATE_PARAMS } from '../../src/notifications/sms-provider.ts';

const SHANGHAI = 'Asia/Shanghai';
const quiet = parseQuietHours('21:00-08:00');

describe('quiet hours', () => {
  it('parses HH:MM-HH:MM and off; refuses anything else', () => {
    expect(quiet).toEqual({ startMinute: 21 * 60, endMinute: 8 * 60 });
    expect(parseQuietHours('off')).toBeNull();
    for (const bad of ['21-08', '25:00-08:00', '21:00-21:00', '9:00-10:00']) expect(() => parseQuietHours(bad)).toThrow();
    expect(() => loadConfig({ SMS_QUIET_HOURS: 'nights' })).toThrow(ConfigError);
    expect(loadConfig({}).messages).toMatchObject({ quietHours: quiet, dailyCeilingPerEstate: 5000 });
    expect(loadConfig({ SMS_DAILY_CEILING_PER_ESTATE: '0' }).messages.dailyCeilingPerEstate).toBeNull();
  });

  it('end at 08:00 local: the same morning, or the next one after 21:00', () => {
    // 22:30 on 1 December in Shanghai → 08:00 on 2 December.
    expect(quietHoursEnd(new Date('2026-12-01T14:30:00Z'), SHANGHAI, quiet)?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    // 03:00 on 2 December → 08:00 the same day.
    expect(quietHoursEnd(new Date('2026-12-01T19:00:00Z'), SHANGHAI, quiet)?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    // 08:00 and 20:59: not quiet.
    expect(quietHoursEnd(new Date('2026-12-02T00:00:00Z'), SHANGHAI, quiet)).toBeNull();
    expect(quietHoursEnd(new Date('2026-12-02T12:59:00Z'), SHANGHAI, quiet)).toBeNull();
    expect(quietHoursEnd(new Date('2026-12-02T13:00:00Z'), SHANGHAI, quiet)?.toISOString()).toBe('2026-12-03T00:00:00.000Z');
    expect(quietHoursEnd(new Date('2026-12-02T13:00:00Z'), SHANGHAI, null)).toBeNull();
    // A window that does not wrap midnight.
    expect(quietHoursEnd(new Date('2026-12-02T05:00:00Z'), SHANGHAI, parseQuietHours('12:00-14:00'))?.toISOString()).toBe('2026-12-02T06:00:00.000Z');
  });

  it('local days begin at local midnight', () => {
    const late = new Date('2026-12-31T17:00:00Z'); // 01:00 on 1 January in Shanghai
    expect(localDay(late, SHANGHAI)).toBe('2027-01-01');
    expect(startOfLocalDay(late, SHANGHAI).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(startOfNextLocalDay(late, SHANGHAI).toISOString()).toBe('2027-01-01T16:00:00.000Z');
  });
});

describe('message texts', () => {
  it('every kind renders every one of its template parameters', () => {
    for (const kind of MESSAGE_KINDS) {
      const params = Object.fromEntries(TEMPLATE_PARAMS[kind].map((name) => [name, `<${name}>`]));
      const text = smsText(kind, params);
      for (const name of TEMPLATE_PARAMS[kind]) expect(text, `${kind} ${name}`).toContain(`<${name}>`);
      expect(text).not.toContain('undefined');
    }
  });

  it('links are stored as paths and sent absolute', () => {
    expect(withAbsoluteLink({ link: '/meetings/m1', estate: 'e' }, 'https://gongjue.example')).toEqual({ link: 'https://gongjue.example/meetings/m1', estate: 'e' });
  });
});

describe('sealed login codes', () => {
  it('open only with the same key and phone', () => {
    const key = messageSealKey(Buffer.alloc(32, 7));
    const sealed = sealParams(key, '13800000001', { code: '314159' });
    expect(sealed.toString('latin1')).not.toContain('314159');
    expect(openSealedParams(key, '13800000001', sealed)).toEqual({ code: '314159' });
    expect(openSealedParams(key, '13800000002', sealed)).toBeNull();
    expect(openSealedParams(messageSealKey(Buffer.alloc(32, 8)), '13800000001', sealed)).toBeNull();
  });
});
