import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { axeViolations, launchChromium, screenshot } from '../helpers/browser.ts';

/** The staff console's shell at /console/: Element Plus under the web apps' CSP, nothing refused, nothing axe-core finds. */
let t: TestApp;
let browser: Browser;
let base: string;
beforeAll(async () => {
  browser = await launchChromium();
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('the staff console', () => {
  it('opens at /console/ on a desktop browser', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      const refused: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
      });
      await page.goto(`${base}/console`);
      await page.getByRole('heading', { name: '共决 · 管理控制台' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/console/');
      expect(await axeViolations(page)).toEqual([]);
      expect(refused).toEqual([]);
      await screenshot(page, 'console-1-shell');
    } finally {
      await context.close();
    }
  });
});
