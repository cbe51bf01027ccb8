/**
 * Masked forms for people who are not the owner and not authorised staff:
 * enough for an owner to recognise their own line in a public notice, not
 * enough to identify a neighbour.
 */

/** 张三 → 张*, 欧阳娜娜 → 欧***, an organisation keeps its first two characters. */
export function maskName(name: string, kind: 'person' | 'organisation' = 'person'): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  const keep = kind === 'organisation' ? Math.min(2, chars.length - 1) : 1;
  if (chars.length === 1) return '*';
  return chars.slice(0, Math.max(keep, 1)).join('') + '*'.repeat(chars.length - Math.max(keep, 1));
}

/** 13812341234 → 138****1234. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
