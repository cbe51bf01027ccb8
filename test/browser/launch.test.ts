import { describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser.ts';

describe('launching the browser', () => {
  it('a missing Chromium fails the run, saying how to install it (never a skip, never a download)', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(
      /Chromium at \/nonexistent\/chromium, and it is missing\. Install it with: apt-get update && apt-get install -y chromium fonts-noto-cjk/,
    );
  });
});
