/**
 * What an attachment may be, judged by its first bytes, never by its name or
 * the Content-Type it was sent with: a scan is a PDF, a JPEG or a PNG. Pure.
 */

export const ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];

/** A phone photo of a ballot is 2–5 MB, a scanned A4 PDF less: 10 MiB leaves room and keeps rows small enough for PostgreSQL. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

const SIGNATURES: { type: AttachmentType; magic: number[] }[] = [
  { type: 'application/pdf', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
];

/** The file's type by its magic bytes, or null when it is none of the accepted ones. */
export function fileKindOf(content: Uint8Array): AttachmentType | null {
  const found = SIGNATURES.find(({ magic }) => content.length >= magic.length && magic.every((byte, i) => content[i] === byte));
  return found?.type ?? null;
}

/** Short words for a type, for messages ("a PNG"). */
export const KIND_WORD: Record<AttachmentType, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/**
 * A file name as kept and given back in Content-Disposition: what the uploader
 * called it, without any folder, control characters or quotes. Null when
 * nothing of it is left.
 */
export function cleanFileName(name: string): string | null {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return cleaned.length === 0 || cleaned === '.' || cleaned === '..' ? null : cleaned.slice(0, 200);
}

/**
 * The Content-Disposition of a download: an ASCII fallback for old clients and
 * the real (often Chinese) name, percent-encoded (RFC 6266, RFC 8187).
 */
export function contentDisposition(name: string, how: 'attachment' | 'inline' = 'attachment'): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${how}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
