import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium fonts-noto-cjk`; .ci/run
 * installs it) through playwright-core — never a browser downloaded by a test tool. A missing
 * browser fails the run with the command that installs it: it is never skipped.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Screenshots of every page a test looked at (gitignored): look at them. */
export const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/browser/', import.meta.url));

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}, and it is missing. ` +
        'Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk (or set CHROMIUM_PATH to another Chromium).',
    );
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** WeChat's built-in browser on an Android phone (XWeb, Chrome 87 underneath). */
export const WECHAT_ANDROID_UA =
  'Mozilla/5.0 (Linux; Android 10; VOG-AL00 Build/HUAWEIVOG-AL00; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 ' +
  'Chrome/87.0.4280.141 Mobile Safari/537.36 XWEB/4317 MMWEBSDK/20221011 Mobile MicroMessenger/8.0.30.2260(0x28001E3B) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** A 375 × 667 phone in WeChat; `textScale` 2 sets the text size to 200 %. */
export async function phone(browser: Browser, { textScale = 1 } = {}): Promise<{ context: BrowserContext; page: Page; cspViolations: () => Promise<string[]> }> {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    userAgent: WECHAT_ANDROID_UA,
    locale: 'zh-CN',
  });
  // Any CSP refusal is a failure: the page must need nothing its CSP does not allow.
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  if (textScale !== 1) {
    // The reader's text size: the root font size, which every size of the app (rem) follows, as a
    // browser's font setting or WeChat's care mode sets it. Through the CSSOM, which the CSP allows.
    await context.addInitScript((scale) => {
      const apply = () => document.documentElement?.style.setProperty('font-size', `${scale * 100}%`);
      apply(); // the document may have no root element yet:
      document.addEventListener('DOMContentLoaded', apply);
    }, textScale);
  }
  const page = await context.newPage();
  return { context, page, cspViolations: () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations) };
}

const AXE_SOURCE = readFileSync(path.join(path.dirname(createRequire(import.meta.url).resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * axe-core's violations on the page (WCAG 2.2 A and AA, and its best practices). Evaluated
 * through the DevTools protocol, so the page's CSP (no inline scripts) does not stop it.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
  });
}

/** Visible text smaller than `min` px: each as "<tag> <size>px “text”". */
export function smallText(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minimum) => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent?.trim();
      const element = node.parentElement;
      if (!text || !element) continue;
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
      if (element.closest('.visually-hidden')) continue;
      const size = Number.parseFloat(style.fontSize);
      if (size < minimum) found.push(`${element.tagName.toLowerCase()} ${size}px “${text.slice(0, 30)}”`);
    }
    return found;
  }, min);
}

/** Visible controls (buttons, links, inputs) smaller than `min` × `min` px. */
export function smallTargets(page: Page, min: number): Promise<string[]> {
  return page.evaluate((minimum) => {
    const found: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>('button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])')) {
      const rect = element.getBoundingClientRect();
      if (rect.width === 0 && rect.height === 0) continue;
      if (rect.width < minimum || rect.height < minimum) {
        found.push(`${element.tagName.toLowerCase()} ${Math.round(rect.width)}×${Math.round(rect.height)} “${(element.textContent ?? element.getAttribute('name') ?? '').trim().slice(0, 30)}”`);
      }
    }
    return found;
  }, min);
}

/** Whether the page scrolls sideways (text that does not reflow). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}
