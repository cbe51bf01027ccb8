import { describe, expect, it } from 'vitest';
import { keptDocument, openKeptDocument, type Opener } from './documents.ts';

const ORIGIN = 'https://vote.example.cn';
const M = '11111111-1111-4111-8111-111111111111';
const A = '22222222-2222-4222-8222-222222222222';

describe('keptDocument', () => {
  it('knows a document the service keeps, on this origin, and nothing else', () => {
    expect(keptDocument(`${ORIGIN}/v1/meetings/${M}/documents/${A}`, ORIGIN)).toEqual({ meetingId: M, attachmentId: A });
    expect(keptDocument(`/v1/meetings/${M}/documents/${A}`, ORIGIN)).toEqual({ meetingId: M, attachmentId: A });
    expect(keptDocument(`https://files.example/v1/meetings/${M}/documents/${A}`, ORIGIN)).toBeUndefined();
    expect(keptDocument('https://files.example/plan.pdf', ORIGIN)).toBeUndefined();
    expect(keptDocument(`${ORIGIN}/v1/meetings/${M}/documents/${A}/download`, ORIGIN)).toBeUndefined();
  });
});

function fakeOpener(tabOpens: boolean) {
  const tab = { location: { href: '' }, closed: false, opener: {} as unknown, close() { this.closed = true; } };
  const went: string[] = [];
  const opener: Opener = { openTab: () => (tabOpens ? tab : null), goTo: (url) => went.push(url) };
  return { tab, went, opener };
}

describe('openKeptDocument', () => {
  it('opens the tab at once and sends it to the signed link, cut off from the app', async () => {
    const { tab, went, opener } = fakeOpener(true);
    await openKeptDocument(async () => ({ url: '/v1/x/download?expires=1&signature=s' }), opener, ORIGIN);
    expect(tab.location.href).toBe(`${ORIGIN}/v1/x/download?expires=1&signature=s`);
    expect(tab.opener).toBeNull();
    expect(went).toEqual([]);
  });

  it('opens the link in place where no tab opens (WeChat, a pop-up blocker)', async () => {
    const { went, opener } = fakeOpener(false);
    await openKeptDocument(async () => ({ url: '/v1/x/download?expires=1&signature=s' }), opener, ORIGIN);
    expect(went).toEqual([`${ORIGIN}/v1/x/download?expires=1&signature=s`]);
  });

  it('closes the empty tab and passes on the refusal when no link is given', async () => {
    const { tab, went, opener } = fakeOpener(true);
    await expect(openKeptDocument(() => Promise.reject(new Error('refused')), opener, ORIGIN)).rejects.toThrow('refused');
    expect(tab.closed).toBe(true);
    expect(went).toEqual([]);
  });
});
