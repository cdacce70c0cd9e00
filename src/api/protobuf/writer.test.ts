import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WireReader, WireType } from './wire.js';
import { ProtoWriter, varintSize } from './writer.js';

/** A reference encoder with no cleverness: sub-messages are encoded on their own and
 *  copied in, so the writer's prefix splicing can be checked against it. */
type Node = { field: number; kind: 'varint'; value: number | bigint } | { field: number; kind: 'string'; value: string } | { field: number; kind: 'double'; value: number } | { field: number; kind: 'message'; value: Node[] };

function naiveVarint(v: bigint): number[] {
  const out: number[] = [];
  let x = BigInt.asUintN(64, v);
  while (x >= 0x80n) {
    out.push(Number(x & 0x7fn) | 0x80);
    x >>= 7n;
  }
  out.push(Number(x));
  return out;
}

function naive(nodes: Node[]): number[] {
  const out: number[] = [];
  for (const n of nodes) {
    switch (n.kind) {
      case 'varint':
        out.push(...naiveVarint(BigInt(n.field * 8 + WireType.Varint)), ...naiveVarint(BigInt(n.value)));
        break;
      case 'string': {
        const b = [...Buffer.from(n.value)];
        out.push(...naiveVarint(BigInt(n.field * 8 + WireType.Bytes)), ...naiveVarint(BigInt(b.length)), ...b);
        break;
      }
      case 'double': {
        const b = Buffer.alloc(8);
        b.writeDoubleLE(n.value);
        out.push(...naiveVarint(BigInt(n.field * 8 + WireType.Fixed64)), ...b);
        break;
      }
      case 'message': {
        const inner = naive(n.value);
        out.push(...naiveVarint(BigInt(n.field * 8 + WireType.Bytes)), ...naiveVarint(BigInt(inner.length)), ...inner);
      }
    }
  }
  return out;
}

function write(w: ProtoWriter, nodes: Node[]): void {
  for (const n of nodes) {
    switch (n.kind) {
      case 'varint':
        w.tag(n.field, WireType.Varint).varint(n.value);
        break;
      case 'string':
        w.tag(n.field, WireType.Bytes).string(n.value);
        break;
      case 'double':
        w.tag(n.field, WireType.Fixed64).double(n.value);
        break;
      case 'message':
        w.tag(n.field, WireType.Bytes).begin();
        write(w, n.value);
        w.end();
    }
  }
}

function encoded(nodes: Node[], capacity?: number): number[] {
  const w = new ProtoWriter(capacity);
  write(w, nodes);
  return [...w.finish()];
}

describe('ProtoWriter', () => {
  test('varints: small, multi-byte, 2^53, 64-bit and negative values', () => {
    const cases: [number | bigint, number[]][] = [
      [0, [0]],
      [1, [1]],
      [127, [0x7f]],
      [128, [0x80, 0x01]],
      [300, [0xac, 0x02]],
      [2 ** 53 - 1, naiveVarint(2n ** 53n - 1n)],
      [2n ** 64n - 1n, naiveVarint(2n ** 64n - 1n)],
      [-1, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]],
      [-(2n ** 63n), naiveVarint(-(2n ** 63n))],
    ];
    for (const [v, bytes] of cases) {
      const w = new ProtoWriter(4);
      w.varint(v);
      assert.deepEqual([...w.finish()], bytes, `varint ${v}`);
      const r = new WireReader(Uint8Array.from(bytes));
      assert.equal(BigInt.asIntN(64, r.varintBig()), BigInt.asIntN(64, BigInt(v)));
    }
  });

  test('tags, strings (UTF-8) and doubles read back with WireReader', () => {
    const w = new ProtoWriter(1);
    w.tag(1, WireType.Bytes).string('héllo ☃ 𝄞');
    w.tag(2, WireType.Fixed64).double(-0.1);
    w.tag(536870911, WireType.Varint).varint(5);
    w.tag(3, WireType.Bytes).bytes(Uint8Array.from([1, 2, 3]));
    const r = new WireReader(w.finish());
    assert.equal(r.varint(), 1 * 8 + WireType.Bytes);
    assert.equal(r.string(), 'héllo ☃ 𝄞');
    assert.equal(r.varint(), 2 * 8 + WireType.Fixed64);
    assert.equal(r.fixed64().getFloat64(0, true), -0.1);
    assert.equal(r.varint(), 536870911 * 8 + WireType.Varint);
    assert.equal(r.varint(), 5);
    assert.equal(r.varint(), 3 * 8 + WireType.Bytes);
    assert.deepEqual([...r.bytes()], [1, 2, 3]);
    assert.ok(r.done);
  });

  test('nested sub-messages get the same bytes as encoding each level on its own', () => {
    const leaf = (i: number): Node[] => [
      { field: 1, kind: 'string', value: `name-${i}`.repeat(i % 7) },
      { field: 2, kind: 'varint', value: i * 1000 },
      { field: 3, kind: 'double', value: i / 3 },
    ];
    // Lengths cross the one-, two- and three-byte prefix sizes at several depths.
    const tree = (depth: number, width: number): Node[] =>
      depth === 0 ? leaf(width) : Array.from({ length: width }, (_, i) => ({ field: i + 1, kind: 'message' as const, value: [...leaf(i), ...tree(depth - 1, width)] }));
    for (const [depth, width] of [
      [1, 1],
      [2, 3],
      [4, 4],
      [6, 3],
    ]) {
      const nodes = tree(depth, width);
      assert.deepEqual(encoded(nodes, 16), naive(nodes), `depth ${depth} width ${width}`);
    }
  });

  test('empty sub-messages and a sub-message of exactly 128 bytes', () => {
    const nodes: Node[] = [
      { field: 1, kind: 'message', value: [] },
      { field: 2, kind: 'message', value: [{ field: 1, kind: 'string', value: 'x'.repeat(126) }] },
      { field: 3, kind: 'message', value: [{ field: 1, kind: 'message', value: [] }] },
    ];
    const bytes = encoded(nodes);
    assert.deepEqual(bytes, naive(nodes));
    assert.deepEqual(bytes.slice(0, 2), [0x0a, 0x00]);
    assert.deepEqual(bytes.slice(2, 5), [0x12, 0x80, 0x01]);
  });

  test('a multi-megabyte document of many small messages', () => {
    const nodes: Node[] = Array.from({ length: 20000 }, (_, i) => ({
      field: 5,
      kind: 'message' as const,
      value: [
        { field: 1, kind: 'string' as const, value: `/apis/apps/v1/namespaces/{namespace}/deployments/${i}` },
        { field: 2, kind: 'message' as const, value: [{ field: 1, kind: 'message' as const, value: [{ field: 3, kind: 'string' as const, value: 'x'.repeat(i % 200) }] }] },
      ],
    }));
    const started = performance.now();
    const w = new ProtoWriter();
    write(w, nodes);
    const bytes = w.finish();
    const elapsed = performance.now() - started;
    assert.ok(bytes.length > 3_000_000, `${bytes.length} bytes`);
    assert.ok(Buffer.from(naive(nodes)).equals(bytes));
    assert.ok(elapsed < 2000, `took ${elapsed} ms`);
  });

  test('misuse is reported', () => {
    assert.throws(() => new ProtoWriter().end(), /without begin/);
    const w = new ProtoWriter();
    w.tag(1, WireType.Bytes).begin();
    assert.throws(() => w.finish(), /open sub-message/);
  });

  test('varintSize', () => {
    assert.deepEqual([0, 127, 128, 16383, 16384, 2 ** 21, 2 ** 35].map(varintSize), [1, 1, 2, 2, 3, 4, 6]);
  });
});
