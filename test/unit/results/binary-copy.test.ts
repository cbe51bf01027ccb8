import { describe, expect, it } from 'vitest';
import { BinaryColumnReader } from '../../../src/results/records.ts';

/**
 * The close reads a large meeting's stored unit lines with `COPY … TO STDOUT (format binary)`: a signature,
 * flags, a header extension, then per row a field count, a length and the bytes; -1 ends it. The chunks the
 * connection hands over split that anywhere: every split must give the same values.
 */
function binaryCopy(values: readonly Buffer[], extension = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), u32(0), u32(extension.length), extension];
  for (const value of values) parts.push(i16(1), u32(value.length), value);
  parts.push(i16(-1));
  return Buffer.concat(parts);
}
const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
const i16 = (n: number) => Buffer.from([(n >> 8) & 255, n & 255]);

function read(chunks: readonly Buffer[]): string[] {
  const values: string[] = [];
  const reader = new BinaryColumnReader((value) => {
    expect(value.buffer).toBeInstanceOf(SharedArrayBuffer);
    values.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8'));
  });
  for (const chunk of chunks) reader.push(chunk);
  reader.end();
  return values;
}

describe('the binary COPY reader', () => {
  const values = ['{"id":"a"}\n{"id":"b"}\n', '', '楼\n', 'x'.repeat(300)];
  const data = binaryCopy(values.map((v) => Buffer.from(v)), Buffer.from('ext'));

  it('gives every value, whole, however the data is split into chunks', () => {
    expect(read([data])).toEqual(values);
    for (let cut = 0; cut <= data.length; cut++) expect(read([data.subarray(0, cut), data.subarray(cut)])).toEqual(values);
    expect(read([...data].map((byte) => Buffer.from([byte])))).toEqual(values);
  });

  it('gives nothing for no rows', () => {
    expect(read([binaryCopy([])])).toEqual([]);
  });

  it('refuses what it cannot read: another format, a cut end, a null, two columns, bytes after the end', () => {
    expect(() => read([Buffer.from('{"id":"a","building":"1"}\n')])).toThrow(/not the binary COPY format/);
    expect(() => read([data.subarray(0, data.length - 1)])).toThrow(/ended early/);
    const header = binaryCopy([]).subarray(0, 19);
    expect(() => read([Buffer.concat([header, i16(1), u32(0xffffffff)])])).toThrow(/null/);
    expect(() => read([Buffer.concat([header, i16(2)])])).toThrow(/2 fields/);
    expect(() => read([data, Buffer.from([0])])).toThrow(/after its end/);
  });
});
