// An open-addressing hash table that stores no keys: each slot holds a
// 32-bit hash and a position in a list the caller owns (units, voters,
// ballots). A probe yields the positions stored under the same hash; the
// caller compares its own keys there, so one table serves string ids and
// owner sets alike, with no string kept twice and nothing for the garbage
// collector to scan. On a million-unit record a Map spends most of the
// tally budget growing itself; this is sized once, up front.
//
//   for (let p = slots.first(h); p >= 0; p = slots.next()) if (same(p)) return p;
//   slots.add(position);   // stores under h, in the empty slot the probe ended on
//
// A million-entry table is 16 MB: probed in the order the keys come, every
// probe is a cache miss and most a TLB miss. slotOrder() sorts the keys by
// where they land, so a pass fills or probes the table from one end to the
// other (the radix partitioning of a hash join).

/** slotOrder() sorts into 2^12 ranges of slots: 4 KB (a page) each for a million-entry table. */
const PAGE_BITS = 12;

export class HashSlots {
  /** Pairs per slot: [hash, position + 1]; a 0 in the second marks an empty slot. */
  private table: Int32Array;
  private mask: number;
  private stored = 0;
  /** The probe in progress: its hash and the slot it has reached. */
  private hash = 0;
  private slot = 0;

  /** A table that holds `expected` positions without growing. */
  constructor(expected: number) {
    let capacity = 16;
    while (capacity < expected * 2) capacity *= 2;
    this.table = new Int32Array(capacity * 2);
    this.mask = capacity - 1;
  }

  get size(): number {
    return this.stored;
  }

  /** Starts a probe for hash `h`: the first position stored under it, or -1. */
  first(h: number): number {
    this.hash = h | 0;
    this.slot = h & this.mask;
    return this.scan();
  }

  /** The next position stored under the probe's hash, or -1. */
  next(): number {
    this.slot = (this.slot + 1) & this.mask;
    return this.scan();
  }

  /**
   * Stores `position` under the probe's hash. Call it only when first() or
   * next() has just returned -1: the probe then rests on an empty slot.
   */
  add(position: number): void {
    const at = this.slot * 2;
    if (this.table[at + 1] !== 0) throw new Error('HashSlots.add: the probe did not end on an empty slot');
    this.table[at] = this.hash;
    this.table[at + 1] = position + 1;
    if (++this.stored * 2 > this.mask + 1) this.grow();
  }

  /**
   * Writes into `order` the positions 0 … hashes.length - 1 sorted by the
   * page of this table where their hashes' probes start, keeping positions
   * in increasing order within a page (a stable counting sort). Probing in
   * this order touches each page of the table once.
   */
  slotOrder(hashes: Int32Array, order: Int32Array): void {
    const n = hashes.length;
    const bits = 31 - Math.clz32(this.mask + 1);
    const shift = Math.max(0, bits - PAGE_BITS);
    const mask = this.mask;
    const start = new Int32Array((1 << Math.min(bits, PAGE_BITS)) + 1);
    for (let i = 0; i < n; i++) start[((hashes[i]! & mask) >>> shift) + 1]!++;
    for (let page = 1; page < start.length; page++) start[page]! += start[page - 1]!;
    for (let i = 0; i < n; i++) order[start[(hashes[i]! & mask) >>> shift]!++] = i;
  }

  private scan(): number {
    const table = this.table;
    const mask = this.mask;
    const hash = this.hash;
    for (let slot = this.slot; ; slot = (slot + 1) & mask) {
      const stored = table[slot * 2 + 1]!;
      if (stored === 0 || table[slot * 2] === hash) {
        this.slot = slot;
        return stored - 1;
      }
    }
  }

  private grow(): void {
    const old = this.table;
    const capacity = (this.mask + 1) * 2;
    const table = new Int32Array(capacity * 2);
    const mask = capacity - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let slot = old[s]! & mask;
      while (table[slot * 2 + 1] !== 0) slot = (slot + 1) & mask;
      table[slot * 2] = old[s]!;
      table[slot * 2 + 1] = old[s + 1]!;
    }
    this.table = table;
    this.mask = mask;
    this.slot = -1; // the probe's slot moved: a second add() must fail
  }
}
