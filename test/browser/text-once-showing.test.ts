import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, textOnceShowing } from '../helpers/browser.ts';

/**
 * textOnceShowing (test/helpers/browser.ts), which the browser tests read page text through: it
 * must wait for text that arrives after the page first shows (another request's answer), and fail,
 * naming what is missing, when it never comes. A page of its own, no service.
 */
let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** A heading at once, a line of data 1.5 s later, as a panel and its own API answer. */
async function lateData() {
  await page.setContent('<main><h2>询异公示与业主异议</h2></main>');
  await page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): { insertAdjacentHTML(w: string, h: string): void } } }).document;
    setTimeout(() => doc.querySelector('main').insertAdjacentHTML('beforeend', '<p>提出人：张*</p>'), 1500);
  });
}

describe('textOnceShowing', () => {
  it('returns the text only once every needle has arrived', async () => {
    await lateData();
    // Read at once, the data is not there yet: the gap the helper exists for.
    expect(await page.locator('main').innerText()).not.toContain('提出人：张*');
    const text = await textOnceShowing(page, '询异公示与业主异议', '提出人：张*');
    expect(text).toContain('提出人：张*');
    expect(text).toContain('询异公示与业主异议');
  }, 30_000);

  it('reads any locator, and takes a pattern', async () => {
    await page.setContent('<main><div role="dialog"><p>答复提交后不能修改</p></div><p>别处</p></main>');
    const text = await textOnceShowing(page.getByRole('dialog'), /提交后不能修改/);
    expect(text).not.toContain('别处');
  }, 30_000);

  it('fails after 10 s naming the needles still missing and the text as it stood', async () => {
    await lateData();
    const started = Date.now();
    const failure = await textOnceShowing(page, '提出人：张*', '从未出现的答复').then(
      () => undefined,
      (error: unknown) => error as Error,
    );
    expect(failure?.message).toMatch(/^Waited 10 s for “从未出现的答复” in locator\('main'\); its text:\n询异公示与业主异议\n+提出人：张\*$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
  }, 30_000);
});
