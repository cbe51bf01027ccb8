/* global document, window, getComputedStyle, NodeFilter, DataTransfer, ClipboardEvent, localStorage, sessionStorage */
// Functions the browser tests run inside the page (page.evaluate, addInitScript): plain
// JavaScript with the DOM's globals, typed for the tests by in-page.d.ts (the tests' TypeScript
// program has Node's types, not the DOM's). Each is sent to the page as its source text: it may
// use nothing from this module.

/** Collects the page's CSP refusals from its first moment (an init script). */
export function watchCsp() {
  const seen = [];
  window.cspViolations = seen;
  document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
}

export function cspViolations() {
  return window.cspViolations ?? [];
}

/** The reader's text size: the root font size, which every size of the app (rem) follows; through the CSSOM, which the CSP allows. */
export function scaleText(scale) {
  const apply = () => document.documentElement?.style.setProperty('font-size', `${scale * 100}%`);
  apply(); // the document may have no root element yet:
  document.addEventListener('DOMContentLoaded', apply);
}

/** The owner app's display mode as if chosen on this phone before (web/src/owner/display-mode.ts). */
export function chooseDisplayMode(mode) {
  localStorage.setItem('gongjue.mode', mode);
}

export async function runAxe() {
  const result = await window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
  });
  return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })) }));
}

export function smallText(minimum) {
  const visible = (element) => {
    const rect = element.getBoundingClientRect();
    const style = getComputedStyle(element);
    return rect.width > 0 && rect.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent?.trim();
    const element = node.parentElement;
    if (!text || !element || !visible(element)) continue;
    const size = Number.parseFloat(getComputedStyle(element).fontSize);
    if (size < minimum) found.push(`${element.tagName.toLowerCase()} ${size}px “${text.slice(0, 30)}”`);
  }
  return found;
}

export function smallTargets(minimum) {
  const found = [];
  for (const element of document.querySelectorAll('button, a[href], input, select, textarea, [role="button"], [tabindex]:not([tabindex="-1"])')) {
    const rect = element.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) continue;
    if (rect.width < minimum || rect.height < minimum) {
      const name = (element.textContent || element.getAttribute('name') || '').trim().slice(0, 30);
      found.push(`${element.tagName.toLowerCase()} ${Math.round(rect.width)}×${Math.round(rect.height)} “${name}”`);
    }
  }
  return found;
}

export function scrollsSideways() {
  return document.documentElement.scrollWidth > document.documentElement.clientWidth + 1;
}

/** Pastes text into an element as a phone's clipboard would. */
export function paste({ selector, text }) {
  const data = new DataTransfer();
  data.setData('text/plain', text);
  document.querySelector(selector).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
}

/** What the page can read of its own storage and cookies. */
export function readableStorage() {
  return JSON.stringify({ cookie: document.cookie, local: { ...localStorage }, session: { ...sessionStorage } });
}

export function bodyFontSize() {
  return getComputedStyle(document.body).fontSize;
}

/** Inputs whose text does not fit them (cut off at a large text size). */
export function clippedInputs() {
  return [...document.querySelectorAll('input, textarea')]
    .filter((input) => input.getBoundingClientRect().width > 0 && input.scrollWidth > input.clientWidth + 1)
    .map((input) => `${input.name || input.id} “${input.value}” ${input.scrollWidth} > ${input.clientWidth}`);
}

/** How many pixels of the image are ink (darker than light grey): a drawn picture has thousands, a blank one none. */
export function inkedPixels(selector) {
  const image = document.querySelector(selector);
  const canvas = document.createElement('canvas');
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i] + data[i + 1] + data[i + 2] < 3 * 160) inked++;
  return { width: canvas.width, height: canvas.height, inked };
}

/** Whether every animation that ends has ended (a spinner, which turns for ever, does not count). */
export function animationsSettled() {
  return document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity);
}
