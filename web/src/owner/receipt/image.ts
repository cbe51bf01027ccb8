/**
 * The receipt as a picture the owner can keep: drawn by the app on a <canvas> with the phone's
 * own fonts (no library, nothing fetched), and handed back as a PNG data: URL — which the app's
 * CSP lets an <img> show (img-src 'self' data:), so WeChat's press-and-hold "保存图片" works,
 * and which a download link can carry elsewhere.
 */
export interface ReceiptPicture {
  heading: string;
  meeting: string;
  sentence: string;
  motions: { title: string; rows: { label: string; value: string }[]; code?: { label: string; groups: string[] } }[];
  footer: string;
  savedAt: string;
}

const WIDTH = 720;
const MARGIN = 40;
const TEXT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
const MONO = '"Noto Sans Mono CJK SC", "Roboto Mono", Menlo, Consolas, monospace';
const INK = '#1f1f1f';
const MUTED = '#4a4a4a';
const RULE = '#8a8a8a';

interface Line {
  text: string;
  font: string;
  color: string;
  /** Height of the line box, px. */
  height: number;
  /** Space above, px. */
  before: number;
  rule?: boolean;
}

/** Breaks text where a reader would: between CJK characters, and between words of other scripts. */
function wrap(context: CanvasRenderingContext2D, text: string, font: string, width: number): string[] {
  context.font = font;
  const pieces = text.match(/[\u2e80-\uffff]|[^\s\u2e80-\uffff]+\s*|\s+/g) ?? [];
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line !== '' && context.measureText(line + piece).width > width) {
      lines.push(line.trimEnd());
      line = piece.trimStart();
    } else {
      line += piece;
    }
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

function layout(context: CanvasRenderingContext2D, picture: ReceiptPicture): Line[] {
  const width = WIDTH - 2 * MARGIN;
  const lines: Line[] = [];
  const add = (text: string, font: string, color: string, height: number, before = 0) =>
    wrap(context, text, font, width).forEach((t, i) => lines.push({ text: t, font, color, height, before: i === 0 ? before : 0 }));
  add(picture.heading, `700 40px ${TEXT}`, INK, 56);
  add(picture.meeting, `700 30px ${TEXT}`, INK, 42, 12);
  add(picture.sentence, `26px ${TEXT}`, INK, 38, 12);
  for (const motion of picture.motions) {
    lines.push({ text: '', font: '', color: RULE, height: 2, before: 24, rule: true });
    add(motion.title, `700 28px ${TEXT}`, INK, 40, 20);
    for (const row of motion.rows) add(`${row.label}：${row.value}`, `26px ${TEXT}`, INK, 38, 4);
    if (motion.code) {
      add(motion.code.label, `26px ${TEXT}`, MUTED, 38, 8);
      // Four groups of four a line: the same groups the page shows, easy to compare.
      for (let i = 0; i < motion.code.groups.length; i += 4) add(motion.code.groups.slice(i, i + 4).join(' '), `700 34px ${MONO}`, INK, 46, 2);
    }
  }
  lines.push({ text: '', font: '', color: RULE, height: 2, before: 24, rule: true });
  add(picture.footer, `24px ${TEXT}`, MUTED, 36, 20);
  add(picture.savedAt, `24px ${TEXT}`, MUTED, 36, 4);
  return lines;
}

/** Draws the picture on a new canvas. */
export function drawReceipt(picture: ReceiptPicture, document: Document = globalThis.document): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no 2d canvas');
  const lines = layout(context, picture);
  const height = MARGIN * 2 + lines.reduce((sum, line) => sum + line.before + line.height, 0);
  canvas.width = WIDTH;
  canvas.height = height;
  // A new size clears the context's state: white paper, then the lines.
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, WIDTH, height);
  context.strokeStyle = INK;
  context.lineWidth = 4;
  context.strokeRect(12, 12, WIDTH - 24, height - 24);
  context.textBaseline = 'middle';
  let y = MARGIN;
  for (const line of lines) {
    y += line.before;
    if (line.rule) {
      context.fillStyle = line.color;
      context.fillRect(MARGIN, y, WIDTH - 2 * MARGIN, line.height);
    } else {
      context.font = line.font;
      context.fillStyle = line.color;
      context.fillText(line.text, MARGIN, y + line.height / 2);
    }
    y += line.height;
  }
  return canvas;
}

/** The picture as a PNG data: URL. */
export const receiptPng = (picture: ReceiptPicture): string => drawReceipt(picture).toDataURL('image/png');
