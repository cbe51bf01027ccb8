import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { CHROMIUM, CHROMIUM_FLAGS, WECHAT_PHONE } from './chromium.ts';
import * as inPage from './in-page.js';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium fonts-noto-cjk`; .ci/run
 * installs it) through playwright-core — never a browser downloaded by a test tool. A missing
 * browser fails the run with the command that installs it: it is never skipped.
 */
export { CHROMIUM, WECHAT_ANDROID_UA } from './chromium.ts';

/** Screenshots of every page a test looked at (gitignored): look at them. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/browser/', import.meta.url));

export async function launchChromium(executable = CHROMIUM): Promise<Browser> {
  if (!existsSync(executable)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${executable}, and it is missing. ` +
        'Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH to another Chromium).',
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: executable, args: CHROMIUM_FLAGS, headless: true });
}

/** The owner app's display modes (web/src/owner/display-mode.ts): 长辈版 is the default. */
export type DisplayMode = 'elder' | 'standard';

/**
 * A 375 × 667 phone in WeChat; `textScale` 2 sets the text size to 200 %; `mode` 'standard'
 * opens the owner app in 标准版, as if the owner had chosen it on this phone before.
 */
export async function phone(browser: Browser, { textScale = 1, mode = 'elder' }: { textScale?: number; mode?: DisplayMode } = {}): Promise<{ context: BrowserContext; page: Page; cspViolations: () => Promise<string[]> }> {
  const context = await browser.newContext(WECHAT_PHONE);
  // Any CSP refusal is a failure: the page must need nothing its CSP does not allow.
  await context.addInitScript(inPage.watchCsp);
  // The reader's text size (a browser's font setting, WeChat's care mode).
  if (textScale !== 1) await context.addInitScript(inPage.scaleText, textScale);
  if (mode !== 'elder') await context.addInitScript(inPage.chooseDisplayMode, mode);
  const page = await context.newPage();
  return { context, page, cspViolations: () => page.evaluate(inPage.cspViolations) };
}

const AXE_SOURCE = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page (WCAG 2.2 A and AA, and its best practices). Evaluated
 * through the DevTools protocol, so the page's CSP (no inline scripts) does not stop it.
 */
export async function axeViolations(page: Page): Promise<inPage.AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(inPage.runAxe);
}

/** Visible text smaller than `min` px: each as "<tag> <size>px “text”". */
export const smallText = (page: Page, min: number) => page.evaluate(inPage.smallText, min);
/** Visible controls (buttons, links, inputs) smaller than `min` × `min` px. */
export const smallTargets = (page: Page, min: number) => page.evaluate(inPage.smallTargets, min);
/** Whether the page scrolls sideways (text that does not reflow). */
export const scrollsSideways = (page: Page) => page.evaluate(inPage.scrollsSideways);
/** Inputs whose text is cut off. */
export const clippedInputs = (page: Page) => page.evaluate(inPage.clippedInputs);
/** Pastes `text` into the element as a phone's clipboard would. */
export async function paste(page: Page, selector: string, text: string) {
  await page.focus(selector);
  await page.evaluate(inPage.paste, { selector, text });
}
/** Everything the page's scripts can read of storage and cookies. */
export const readableStorage = (page: Page) => page.evaluate(inPage.readableStorage);
export const bodyFontSize = (page: Page) => page.evaluate(inPage.bodyFontSize);

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** The sizes of each display mode (../shared/ui.md): text and touch targets, in px at 100 % text. */
export const MODE_SIZES: { readonly [M in DisplayMode]: { text: number; target: number } } = {
  elder: { text: 18, target: 60 },
  standard: { text: 16, target: 44 },
};

/**
 * What every owner page must be, asserted on the page as it is now: axe-core finds nothing;
 * no visible text under the mode's size (times the reader's text scale); no control under the
 * mode's target size; nothing scrolls sideways; no input cuts its text off.
 */
export async function expectOwnerFriendly(page: Page, what: string, { textScale = 1, mode = 'elder' }: { textScale?: number; mode?: DisplayMode } = {}): Promise<void> {
  const sizes = MODE_SIZES[mode];
  expect(await axeViolations(page), `${what}: axe-core`).toEqual([]);
  expect(await smallText(page, sizes.text * textScale), `${what}: text under ${sizes.text * textScale} px`).toEqual([]);
  expect(await smallTargets(page, sizes.target), `${what}: targets under ${sizes.target} × ${sizes.target} px`).toEqual([]);
  expect(await scrollsSideways(page), `${what}: scrolls sideways`).toBe(false);
  expect(await clippedInputs(page), `${what}: inputs whose text is cut off`).toEqual([]);
}

/**
 * The text of `where` (a page's `main`, or any locator) once every needle shows in it. A heading
 * the test waited for is often rendered before the data a later request brings (CI of 171c85f read
 * the page in between), so a test that reads text to assert on it waits for that text itself.
 * Polled through innerText rather than waitForFunction: the console's CSP refuses the string
 * eval waitForFunction uses. Fails after 10 s naming the needles still missing and the text as it
 * stood. Assert what must be absent on the text this returns: it is read once the data is there.
 */
export async function textOnceShowing(where: Page | Locator, ...needles: (string | RegExp)[]): Promise<string> {
  const element = 'goto' in where ? where.locator('main') : where;
  const deadline = Date.now() + 10_000;
  let text = '';
  let missing: (string | RegExp)[];
  let lastError: Error | undefined;
  for (;;) {
    try {
      // A last look just before the deadline still gets a second to read the element.
      text = await element.innerText({ timeout: Math.max(1_000, deadline - Date.now()) });
      lastError = undefined;
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
    }
    missing = needles.filter((needle) => (typeof needle === 'string' ? !text.includes(needle) : !needle.test(text)));
    if (missing.length === 0 && lastError === undefined) return text;
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const what = missing.length > 0 ? missing.map((needle) => (typeof needle === 'string' ? `“${needle}”` : String(needle))).join(', ') : 'the element to be readable';
  throw new Error(`Waited 10 s for ${what} in ${element.toString()}${lastError ? ` (could not read it: ${lastError.message})` : ''}; its text:\n${text}`);
}
