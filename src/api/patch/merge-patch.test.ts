import { test } from 'node:test';
import assert from 'node:assert/strict';
import { StatusError } from '../errors.js';
import type { Json } from '../meta.js';
import { PatchDecodeError } from './errors.js';
import { applyMergePatch, applyMergePatchText, createMergePatch, parseMergePatch } from './merge-patch.js';

const merges: { name: string; doc: Json; patch: Json; want: Json }[] = [
  // RFC 7386 appendix A, where v4 agrees with it.
  { name: 'replace a member', doc: { a: 'b' }, patch: { a: 'c' }, want: { a: 'c' } },
  { name: 'add a member', doc: { a: 'b' }, patch: { b: 'c' }, want: { a: 'b', b: 'c' } },
  { name: 'null deletes', doc: { a: 'b' }, patch: { a: null }, want: {} },
  { name: 'null deletes one member', doc: { a: 'b', b: 'c' }, patch: { a: null }, want: { b: 'c' } },
  { name: 'a scalar replaces an array', doc: { a: ['b'] }, patch: { a: 'c' }, want: { a: 'c' } },
  { name: 'an array replaces a scalar', doc: { a: 'c' }, patch: { a: ['b'] }, want: { a: ['b'] } },
  { name: 'objects merge recursively', doc: { a: { b: 'c' } }, patch: { a: { b: 'd', c: null } }, want: { a: { b: 'd' } } },
  { name: 'arrays replace whole', doc: { a: [{ b: 'c' }] }, patch: { a: [1] }, want: { a: [1] } },
  { name: 'an array document is replaced', doc: ['a', 'b'], patch: ['c', 'd'], want: ['c', 'd'] },
  { name: 'an array patch replaces the document', doc: { a: 'b' }, patch: ['c'], want: ['c'] },
  { name: 'null members in the document stay', doc: { e: null }, patch: { a: 1 }, want: { e: null, a: 1 } },
  { name: 'an object patch replaces a non-object document', doc: [1, 2], patch: { a: 'b', c: null }, want: { a: 'b' } },
  { name: 'nulls in new objects are dropped', doc: {}, patch: { a: { bb: { ccc: null } } }, want: { a: { bb: {} } } },
  { name: 'the empty patch', doc: { a: 1 }, patch: {}, want: { a: 1 } },
  { name: 'deleting a missing member', doc: { a: 1 }, patch: { b: null }, want: { a: 1 } },
  {
    name: 'metadata labels',
    doc: { metadata: { name: 'x', labels: { app: 'a', tier: 'web' } }, spec: { replicas: 1 } },
    patch: { metadata: { labels: { tier: null, env: 'prod' } }, spec: { replicas: 3 } },
    want: { metadata: { name: 'x', labels: { app: 'a', env: 'prod' } }, spec: { replicas: 3 } },
  },
  // evanphx/json-patch v4 strips nulls from what it inserts, arrays included...
  { name: 'nulls leave new arrays', doc: {}, patch: { a: [1, null, 2] }, want: { a: [1, 2] } },
  { name: 'nulls leave arrays replacing scalars', doc: { a: 'x' }, patch: { a: [1, null, { b: null }] }, want: { a: [1, {}] } },
  { name: 'a null member counts as missing', doc: { a: null }, patch: { a: { b: null, c: 1 } }, want: { a: { c: 1 } } },
  { name: 'an array patch loses its nulls', doc: { a: 1 }, patch: [null, 1, { b: null }], want: [1, {}] },
  // ...except for a value that replaces an object, which goes in as it came.
  { name: 'an array replacing an object keeps its nulls', doc: { a: { x: 1 } }, patch: { a: [1, null] }, want: { a: [1, null] } },
  { name: 'a scalar replaces an object', doc: { a: { x: 1 } }, patch: { a: 5 }, want: { a: 5 } },
];

for (const c of merges) {
  test(`merge patch: ${c.name}`, () => {
    const doc = JSON.stringify(c.doc);
    const patch = JSON.stringify(c.patch);
    assert.deepEqual(applyMergePatch(c.doc, c.patch), c.want);
    assert.deepEqual(applyMergePatchText(c.doc, patch), c.want);
    assert.equal(JSON.stringify(c.doc), doc, 'the document is untouched');
    assert.equal(JSON.stringify(c.patch), patch, 'the patch is untouched');
  });
}

const badPatches: { name: string; patch: string }[] = [
  { name: 'null', patch: 'null' },
  { name: 'a string', patch: '"bar"' },
  { name: 'a number', patch: '5' },
  { name: 'a boolean', patch: 'true' },
  { name: 'not JSON', patch: '{"a":' },
  { name: 'trailing garbage', patch: '{} x' },
  { name: 'empty', patch: '' },
];

for (const c of badPatches) {
  test(`merge patch ${c.name} is a 400`, () => {
    assert.throws(
      () => applyMergePatchText({ a: 1 }, c.patch),
      (e: unknown) => e instanceof PatchDecodeError && e.code === 400 && e.reason === 'BadRequest' && e.message === 'Invalid JSON Patch',
    );
  });
}

test('a null document is an internal error', () => {
  assert.throws(() => applyMergePatch(null, {}), (e: unknown) => e instanceof StatusError && e.code === 500 && e.message === 'Internal error occurred: Invalid JSON Document');
});

test('parseMergePatch accepts bytes', () => {
  assert.deepEqual(parseMergePatch(Buffer.from('{"a":"é"}')), { a: 'é' });
});

test('merge results share nothing with the inputs', () => {
  const doc: Json = { keep: { x: [1] }, merge: { y: 1 } };
  const patch: Json = { merge: { z: { deep: [1] } }, added: { w: [2] } };
  const out = applyMergePatch(doc, patch) as Record<string, any>;
  out.keep.x.push(2);
  out.merge.z.deep.push(2);
  out.added.w.push(3);
  assert.deepEqual(doc, { keep: { x: [1] }, merge: { y: 1 } });
  assert.deepEqual(patch, { merge: { z: { deep: [1] } }, added: { w: [2] } });
});

test('__proto__ is an ordinary member', () => {
  const out = applyMergePatchText({}, '{"__proto__":{"polluted":1},"a":{"__proto__":null}}') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(JSON.stringify(out), '{"__proto__":{"polluted":1},"a":{}}');
});

const creates: { name: string; original: Json; modified: Json; want: Json }[] = [
  { name: 'no change', original: { a: 1, b: { c: [1, 2] } }, modified: { a: 1, b: { c: [1, 2] } }, want: {} },
  { name: 'changed scalar', original: { a: 1, b: 2 }, modified: { a: 1, b: 3 }, want: { b: 3 } },
  { name: 'added member', original: { a: 1 }, modified: { a: 1, b: { c: 1 } }, want: { b: { c: 1 } } },
  { name: 'removed member', original: { a: 1, b: 2 }, modified: { a: 1 }, want: { b: null } },
  { name: 'added null', original: {}, modified: { a: null }, want: { a: null } },
  { name: 'null kept', original: { a: null }, modified: { a: null }, want: {} },
  { name: 'nested change', original: { a: { b: 1, c: 2 } }, modified: { a: { b: 1, c: 3 } }, want: { a: { c: 3 } } },
  { name: 'nested removal', original: { a: { b: 1, c: 2 } }, modified: { a: { b: 1 } }, want: { a: { c: null } } },
  { name: 'type change', original: { a: 1 }, modified: { a: '1' }, want: { a: '1' } },
  { name: 'object to null', original: { a: { b: 1 } }, modified: { a: null }, want: { a: null } },
  { name: 'array change', original: { a: [1, 2] }, modified: { a: [2, 1] }, want: { a: [2, 1] } },
  { name: 'array of objects unchanged', original: { a: [{ x: 1 }] }, modified: { a: [{ x: 1 }] }, want: {} },
  // v4 compares objects inside arrays by size and the new side's keys, reading missing as null.
  { name: 'v4 array element quirk', original: { a: [{ x: null }] }, modified: { a: [{ y: null }] }, want: {} },
  { name: 'null original', original: null, modified: { a: 1 }, want: { a: 1 } },
  { name: 'arrays of documents', original: [{ a: 1 }, { b: 1 }], modified: [{ a: 2 }, { b: 1 }], want: [{ a: 2 }, {}] },
];

for (const c of creates) {
  test(`createMergePatch: ${c.name}`, () => {
    const patch = createMergePatch(c.original, c.modified);
    assert.deepEqual(patch, c.want);
    const hasNulls = JSON.stringify([c.original, c.modified]).includes('null');
    if (!hasNulls && !Array.isArray(c.original)) {
      // Without nulls in play, applying the patch gives back the modified document.
      assert.deepEqual(applyMergePatch(c.original, patch), c.modified);
    }
  });
}

test('createMergePatch rejects what v4 rejects', () => {
  const internal = (message: string) => (e: unknown) => e instanceof StatusError && e.code === 500 && e.message === `Internal error occurred: ${message}`;
  assert.throws(() => createMergePatch([{}], {}), internal('Mismatched JSON Documents'));
  assert.throws(() => createMergePatch([{}], [{}, {}]), internal('Invalid JSON Document'));
  assert.throws(() => createMergePatch({}, 'x'), internal('Invalid JSON Document'));
  assert.throws(() => createMergePatch([1], [2]), internal('Invalid JSON Document'));
});

test('createMergePatch shares nothing with its inputs', () => {
  const modified: Json = { a: { b: [1] } };
  const patch = createMergePatch({}, modified) as Record<string, any>;
  patch.a.b.push(2);
  assert.deepEqual(modified, { a: { b: [1] } });
});
