import { describe, expect, it } from 'vitest';
import { nextPath } from './next-path.ts';

describe('nextPath', () => {
  it('follows a path of this app', () => {
    expect(nextPath('/meetings/0190f5c2-aaaa-7bbb-8ccc-0123456789ab')).toBe('/meetings/0190f5c2-aaaa-7bbb-8ccc-0123456789ab');
    expect(nextPath('/')).toBe('/');
  });
  it('never leaves the origin, and ignores what is not one path', () => {
    for (const query of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', 'meetings/1', '', undefined, null, ['/a', '/b']]) expect(nextPath(query)).toBeUndefined();
  });
});
