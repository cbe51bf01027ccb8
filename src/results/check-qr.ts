import QRCode from 'qrcode';

/**
 * The QR code on the printed result notice (issue 17), as inline SVG: no script, no image to
 * fetch, no style attribute, so it passes the printable notice's CSP and the console's (which
 * prints the notice as a page of its own). Error correction M (15 %): a notice on a board gets
 * scuffed; a quiet zone of 4 modules, as the standard asks. Black on white at any printer.
 */
const QUIET = 4;

export function qrSvg(text: string, label: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const dark: string[] = [];
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; col++) {
      // Runs of dark modules in a row become one rectangle: a fifth of the path.
      if (modules.data[row * n + col] !== 1) continue;
      let end = col;
      while (end + 1 < n && modules.data[row * n + end + 1] === 1) end++;
      dark.push(`M${col + QUIET} ${row + QUIET}h${end - col + 1}v1h-${end - col + 1}z`);
      col = end;
    }
  }
  const side = n + 2 * QUIET;
  const escaped = label.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 ${side} ${side}" role="img" aria-label="${escaped}" shape-rendering="crispEdges">` +
    `<rect width="${side}" height="${side}" fill="#fff"/><path fill="#000" d="${dark.join('')}"/></svg>`
  );
}
