// 32-bit hashes of ids for the engine's hash tables. Records carry the
// service's UUIDs (36 characters), and a million-unit tally hashes about
// three million of them, so this reads two UTF-16 code units per step
// (MurmurHash3's block mixing) instead of one. A hash only narrows a
// search: every match is confirmed by comparing the strings, so
// collisions, accidental or crafted, cost time and never change a result.

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/** MurmurHash3's finaliser: every input bit reaches every output bit (the tables use both ends). */
export function mix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export function hashString(text: string): number {
  const n = text.length;
  let h = n;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    let k = text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  if (i < n) {
    let k = Math.imul(text.charCodeAt(i), C1);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, C2);
  }
  return mix32(h);
}
