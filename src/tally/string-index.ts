// A dense numbering of strings (unit ids, voter keys): each distinct string
// gets the next index 0, 1, 2, … . It does what a Map<string, number> does,
// but a million-unit record needs two of them, and on our 2-core machines a
// Map spends most of the tally budget growing itself. This open-addressing
// table keeps each slot's index and hash side by side in one typed array,
// so a probe costs one memory access and the garbage collector has nothing
// to scan.

function hash(key: string): number {
  // FNV-1a over UTF-16 code units; never 0, so 0 can mark an empty slot.
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 1;
}

export class StringIndex {
  private keys: string[];
  private count = 0;
  /** Pairs per slot: [hash, index + 1]; hash 0 marks an empty slot. */
  private table: Int32Array;
  private mask: number;

  constructor(expected = 16) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
    this.keys = new Array<string>(Math.max(expected, 16));
  }

  get size(): number {
    return this.count;
  }

  key(index: number): string {
    if (index < 0 || index >= this.count) throw new RangeError(`no key at ${index}`);
    return this.keys[index]!;
  }

  /** The index of `key`, or -1. */
  find(key: string): number {
    const h = hash(key);
    const table = this.table;
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const stored = table[slot * 2]!;
      if (stored === 0) return -1;
      if (stored === h) {
        const index = table[slot * 2 + 1]! - 1;
        if (this.keys[index] === key) return index;
      }
    }
  }

  /** The index of `key`, numbering it next if it is new. */
  intern(key: string): number {
    const h = hash(key);
    const table = this.table;
    let slot = h & this.mask;
    for (;;) {
      const stored = table[slot * 2]!;
      if (stored === 0) break;
      if (stored === h) {
        const index = table[slot * 2 + 1]! - 1;
        if (this.keys[index] === key) return index;
      }
      slot = (slot + 1) & this.mask;
    }
    const index = this.count++;
    if (index < this.keys.length) this.keys[index] = key;
    else this.keys.push(key);
    table[slot * 2] = h;
    table[slot * 2 + 1] = index + 1;
    if (this.count * 2 > this.mask + 1) this.grow();
    return index;
  }

  private grow(): void {
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    const old = this.table;
    for (let s = 0; s < old.length; s += 2) {
      const h = old[s]!;
      if (h === 0) continue;
      let slot = h & mask;
      while (table[slot * 2] !== 0) slot = (slot + 1) & mask;
      table[slot * 2] = h;
      table[slot * 2 + 1] = old[s + 1]!;
    }
    this.table = table;
    this.mask = mask;
  }
}
