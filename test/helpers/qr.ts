import { createRequire } from 'node:module';
import jsQRModule from 'jsqr';
import type { Locator } from 'playwright-core';

/** pngjs (qrcode's own dependency) reads the PNG; it ships no types, so only what is used here. */
const { PNG } = createRequire(import.meta.url)('pngjs') as { PNG: { sync: { read(buffer: Buffer): { width: number; height: number; data: Buffer } } } };

type Decode = typeof jsQRModule.default;
/** jsqr is CommonJS: its function is module.exports at run time, `default` to TypeScript. */
const jsQR = ((jsQRModule as unknown as { default?: Decode }).default ?? jsQRModule) as Decode;

/** What the QR code in these RGBA pixels says, if it reads. */
export const decodePixels = (pixels: Uint8ClampedArray, width: number, height: number) => jsQR(pixels, width, height)?.data;

/** What the QR code shown by `element` says, as a phone's camera would read it: a screenshot decoded by jsQR. */
export async function decodeQr(element: Locator): Promise<string | undefined> {
  const png = PNG.sync.read(await element.screenshot());
  return decodePixels(new Uint8ClampedArray(png.data), png.width, png.height);
}
