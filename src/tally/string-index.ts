// A dense numbering of strings (ballot ids, owner ids): each distinct
// string gets the next index 0, 1, 2, … . It does what a Map<string, number>
// does, on a HashSlots table, which a large record fills several times
// faster than a Map (see hash-slots.ts).

import { HashSlots } from './hash-slots.ts';
import { hashString } from './string-hash.ts';

export class StringIndex {
  private readonly keys: string[] = [];
  private readonly slots: HashSlots;

  constructor(expected = 16) {
    this.slots = new HashSlots(expected);
  }

  get size(): number {
    return this.keys.length;
  }

  key(index: number): string {
    if (index < 0 || index >= this.keys.length) throw new RangeError(`no key at ${index}`);
    return this.keys[index]!;
  }

  /** The index of `key`, or -1. */
  find(key: string): number {
    const slots = this.slots;
    for (let index = slots.first(hashString(key)); index >= 0; index = slots.next()) {
      if (this.keys[index] === key) return index;
    }
    return -1;
  }

  /** The index of `key`, numbering it next if it is new. */
  intern(key: string): number {
    const found = this.find(key);
    if (found >= 0) return found;
    const index = this.keys.length;
    this.keys.push(key);
    this.slots.add(index);
    return index;
  }
}
