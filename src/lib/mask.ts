/**
 * Masked forms for people who are not the owner and not authorised staff:
 * enough for an owner to recognise their own line in a public notice, not
 * enough to identify a neighbour.
 */

/**
 * The rule of a masked name: how many characters of it are kept (the rest
 * become stars). One home for it — maskName() writes the mask, and a search
 * by masked name (src/voting/electorate-lookup.ts) compares names with it in SQL.
 */
export function maskedParts(name: string, kind: 'person' | 'organisation' = 'person'): { kept: string; keptLength: number; length: number } {
  const chars = [...name.trim()];
  const keptLength = chars.length <= 1 ? 0 : kind === 'organisation' ? Math.min(2, chars.length - 1) : 1;
  return { kept: chars.slice(0, keptLength).join(''), keptLength, length: chars.length };
}

/** 张三 → 张*, 欧阳娜娜 → 欧***, an organisation keeps its first two characters. */
export function maskName(name: string, kind: 'person' | 'organisation' = 'person'): string {
  const { kept, keptLength, length } = maskedParts(name, kind);
  return kept + '*'.repeat(length - keptLength);
}

/** 13812341234 → 138****1234. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
