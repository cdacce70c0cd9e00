import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Json } from '../meta.js';
import { JsonPatchError, PatchDecodeError } from './errors.js';
import { applyJsonPatch, escapePointerToken, JsonPatch } from './json-patch.js';

const ok: { name: string; doc: Json; patch: Json; want: Json }[] = [
  // RFC 6902 appendix A.
  { name: 'A.1 add a member', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/baz', value: 'qux' }], want: { foo: 'bar', baz: 'qux' } },
  { name: 'A.2 add an array element', doc: { foo: ['bar', 'baz'] }, patch: [{ op: 'add', path: '/foo/1', value: 'qux' }], want: { foo: ['bar', 'qux', 'baz'] } },
  { name: 'A.3 remove a member', doc: { baz: 'qux', foo: 'bar' }, patch: [{ op: 'remove', path: '/baz' }], want: { foo: 'bar' } },
  { name: 'A.4 remove an array element', doc: { foo: ['bar', 'qux', 'baz'] }, patch: [{ op: 'remove', path: '/foo/1' }], want: { foo: ['bar', 'baz'] } },
  { name: 'A.5 replace a value', doc: { baz: 'qux', foo: 'bar' }, patch: [{ op: 'replace', path: '/baz', value: 'boo' }], want: { baz: 'boo', foo: 'bar' } },
  {
    name: 'A.6 move a value',
    doc: { foo: { bar: 'baz', waldo: 'fred' }, qux: { corge: 'grault' } },
    patch: [{ op: 'move', from: '/foo/waldo', path: '/qux/thud' }],
    want: { foo: { bar: 'baz' }, qux: { corge: 'grault', thud: 'fred' } },
  },
  {
    name: 'A.7 move an array element',
    doc: { foo: ['all', 'grass', 'cows', 'eat'] },
    patch: [{ op: 'move', from: '/foo/1', path: '/foo/3' }],
    want: { foo: ['all', 'cows', 'eat', 'grass'] },
  },
  {
    name: 'A.8 test values',
    doc: { baz: 'qux', foo: ['a', 2, 'c'] },
    patch: [
      { op: 'test', path: '/baz', value: 'qux' },
      { op: 'test', path: '/foo/1', value: 2 },
    ],
    want: { baz: 'qux', foo: ['a', 2, 'c'] },
  },
  { name: 'A.10 add a nested member object', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/child', value: { grandchild: {} } }], want: { foo: 'bar', child: { grandchild: {} } } },
  { name: 'A.11 unrecognised members are ignored', doc: { foo: 'bar' }, patch: [{ op: 'add', path: '/baz', value: 'qux', xyz: 123 }], want: { foo: 'bar', baz: 'qux' } },
  { name: 'A.14 ~ escapes', doc: { '/': 9, '~1': 10 }, patch: [{ op: 'test', path: '/~01', value: 10 }, { op: 'remove', path: '/~1' }], want: { '~1': 10 } },
  { name: 'A.16 append with -', doc: { foo: ['bar'] }, patch: [{ op: 'add', path: '/foo/-', value: ['abc', 'def'] }], want: { foo: ['bar', ['abc', 'def']] } },
  { name: 'copy deep', doc: { foo: { bar: [1] } }, patch: [{ op: 'copy', from: '/foo', path: '/baz' }], want: { foo: { bar: [1] }, baz: { bar: [1] } } },
  { name: 'copy into an array', doc: { a: [1, 2] }, patch: [{ op: 'copy', from: '/a/0', path: '/a/-' }], want: { a: [1, 2, 1] } },
  { name: 'test objects regardless of member order', doc: { a: { x: 1, y: [1, { z: null }] } }, patch: [{ op: 'test', path: '/a', value: { y: [1, { z: null }], x: 1 } }], want: { a: { x: 1, y: [1, { z: null }] } } },
  { name: 'test null against a null member', doc: { a: null }, patch: [{ op: 'test', path: '/a', value: null }], want: { a: null } },
  { name: 'add and replace with null', doc: { a: 1 }, patch: [{ op: 'add', path: '/b', value: null }, { op: 'replace', path: '/a', value: null }], want: { a: null, b: null } },
  { name: 'a null patch does nothing', doc: { a: 1 }, patch: null, want: { a: 1 } },
  { name: 'an empty patch does nothing', doc: { a: 1 }, patch: [], want: { a: 1 } },
  { name: 'the empty key', doc: {}, patch: [{ op: 'add', path: '/', value: 1 }], want: { '': 1 } },
  { name: 'operations apply in order', doc: { a: [] }, patch: [{ op: 'add', path: '/a/-', value: 1 }, { op: 'add', path: '/a/0', value: 0 }, { op: 'test', path: '/a', value: [0, 1] }], want: { a: [0, 1] } },
  // Negative indices count from the end.
  { name: 'remove -1', doc: { a: [1, 2, 3] }, patch: [{ op: 'remove', path: '/a/-1' }], want: { a: [1, 2] } },
  { name: 'add -1 inserts before the end of the grown array', doc: { a: [1, 2, 3] }, patch: [{ op: 'add', path: '/a/-1', value: 'x' }], want: { a: [1, 2, 3, 'x'] } },
  { name: 'add -2', doc: { a: [1, 2, 3] }, patch: [{ op: 'add', path: '/a/-2', value: 'x' }], want: { a: [1, 2, 'x', 3] } },
  { name: 'replace -1', doc: { a: [1, 2, 3] }, patch: [{ op: 'replace', path: '/a/-1', value: 9 }], want: { a: [1, 2, 9] } },
  { name: 'test -3', doc: { a: [1, 2, 3] }, patch: [{ op: 'test', path: '/a/-3', value: 1 }], want: { a: [1, 2, 3] } },
  { name: 'indices may be signed or zero-padded', doc: { a: [1, 2, 3] }, patch: [{ op: 'remove', path: '/a/+01' }], want: { a: [1, 3] } },
  // evanphx/json-patch v4 quirks, kept because the apiserver has them.
  { name: 'replace of a missing member adds it', doc: {}, patch: [{ op: 'replace', path: '/a', value: 1 }], want: { a: 1 } },
  { name: 'copy of a missing member adds null', doc: { b: 1 }, patch: [{ op: 'copy', from: '/a', path: '/c' }], want: { b: 1, c: null } },
  { name: 'test null against a missing member', doc: {}, patch: [{ op: 'test', path: '/a', value: null }], want: {} },
  { name: 'test without a value against a missing member', doc: {}, patch: [{ op: 'test', path: '/a' }], want: {} },
  { name: 'add without a value adds null', doc: {}, patch: [{ op: 'add', path: '/a' }], want: { a: null } },
  { name: 'text before the first slash is ignored', doc: { b: 1 }, patch: [{ op: 'replace', path: 'ignored/b', value: 2 }], want: { b: 2 } },
  { name: 'an empty object tests equal to null', doc: { a: {} }, patch: [{ op: 'test', path: '/a', value: null }], want: { a: {} } },
  { name: 'replace the whole document', doc: { a: 1 }, patch: [{ op: 'replace', path: '', value: { b: 2 } }, { op: 'add', path: '/c', value: 3 }], want: { b: 2, c: 3 } },
  { name: 'test the whole document', doc: { a: [1] }, patch: [{ op: 'test', path: '', value: { a: [1] } }], want: { a: [1] } },
  { name: 'move a null member', doc: { a: null }, patch: [{ op: 'move', from: '/a', path: '/b' }], want: { b: null } },
  { name: '~01 decodes to ~1, not /', doc: { '~1': 1 }, patch: [{ op: 'replace', path: '/~01', value: 2 }], want: { '~1': 2 } },
  { name: 'unknown escapes stay as they are', doc: {}, patch: [{ op: 'add', path: '/~2', value: 1 }], want: { '~2': 1 } },
  { name: 'a patch with an array document', doc: [1, 2], patch: [{ op: 'remove', path: '/0' }], want: [2] },
];

for (const c of ok) {
  test(`json patch: ${c.name}`, () => {
    const before = JSON.stringify(c.doc);
    const got = JsonPatch.from(c.patch).apply(c.doc);
    assert.deepEqual(got, c.want);
    assert.equal(JSON.stringify(c.doc), before, 'the input document is untouched');
  });
}

const failing: { name: string; doc: Json; patch: Json; detail: string }[] = [
  { name: 'add under a missing member', doc: {}, patch: [{ op: 'add', path: '/a/b', value: 1 }], detail: 'add operation does not apply: doc is missing path: "/a/b": missing value' },
  { name: 'add under a scalar', doc: { a: 'x' }, patch: [{ op: 'add', path: '/a/b', value: 1 }], detail: 'add operation does not apply: doc is missing path: "/a/b": missing value' },
  { name: 'add under null', doc: { a: null }, patch: [{ op: 'add', path: '/a/b', value: 1 }], detail: 'add operation does not apply: doc is missing path: "/a/b": missing value' },
  { name: 'add without a slash', doc: {}, patch: [{ op: 'add', path: 'a', value: 1 }], detail: 'add operation does not apply: doc is missing path: "a": missing value' },
  { name: 'add to the root path', doc: {}, patch: [{ op: 'add', path: '', value: 1 }], detail: 'add operation does not apply: doc is missing path: "": missing value' },
  { name: 'add past the end', doc: { a: [1] }, patch: [{ op: 'add', path: '/a/2', value: 1 }], detail: "error in add for path: '/a/2': Unable to access invalid index: 2: invalid index referenced" },
  { name: 'add before the start', doc: { a: [1] }, patch: [{ op: 'add', path: '/a/-3', value: 1 }], detail: "error in add for path: '/a/-3': Unable to access invalid index: -3: invalid index referenced" },
  {
    name: 'add at a word index',
    doc: { a: [1] },
    patch: [{ op: 'add', path: '/a/x', value: 1 }],
    detail: `error in add for path: '/a/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax`,
  },
  {
    name: 'add at a huge index',
    doc: { a: [1] },
    patch: [{ op: 'add', path: '/a/99999999999999999999', value: 1 }],
    detail: `error in add for path: '/a/99999999999999999999': value was not a proper array index: '99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range`,
  },
  { name: 'add without a path', doc: {}, patch: [{ op: 'add', value: 1 }], detail: 'add operation failed to decode path: missing value' },
  { name: 'add with a numeric path', doc: {}, patch: [{ op: 'add', path: 1, value: 1 }], detail: 'add operation failed to decode path: missing value' },
  { name: 'remove a missing member', doc: {}, patch: [{ op: 'remove', path: '/x' }], detail: "error in remove for path: '/x': Unable to remove nonexistent key: x: missing value" },
  { name: 'remove past the end', doc: { a: [1] }, patch: [{ op: 'remove', path: '/a/1' }], detail: "error in remove for path: '/a/1': Unable to access invalid index: 1: invalid index referenced" },
  { name: 'remove before the start', doc: { a: [1] }, patch: [{ op: 'remove', path: '/a/-2' }], detail: "error in remove for path: '/a/-2': Unable to access invalid index: -2: invalid index referenced" },
  { name: 'remove -', doc: { a: [1] }, patch: [{ op: 'remove', path: '/a/-' }], detail: `error in remove for path: '/a/-': strconv.Atoi: parsing "-": invalid syntax` },
  { name: 'remove without a path', doc: {}, patch: [{ op: 'remove' }], detail: 'remove operation failed to decode path: missing value' },
  { name: 'replace under a missing member', doc: {}, patch: [{ op: 'replace', path: '/x/y', value: 1 }], detail: 'replace operation does not apply: doc is missing path: /x/y: missing value' },
  { name: 'replace past the end', doc: { a: [1] }, patch: [{ op: 'replace', path: '/a/5', value: 1 }], detail: 'replace operation does not apply: doc is missing key: /a/5: missing value' },
  { name: 'replace without a path', doc: {}, patch: [{ op: 'replace', value: 1 }], detail: 'replace operation failed to decode path: operation missing path field: missing value' },
  {
    name: 'replace with a numeric path',
    doc: {},
    patch: [{ op: 'replace', path: 5, value: 1 }],
    detail: 'replace operation failed to decode path: json: cannot unmarshal number into Go value of type string',
  },
  { name: 'replace the document with a scalar', doc: {}, patch: [{ op: 'replace', path: '', value: 1 }], detail: 'replace operation value must be object or array: %!w(<nil>)' },
  { name: 'move a missing member', doc: {}, patch: [{ op: 'move', from: '/x', path: '/y' }], detail: "error in move for path: 'x': Unable to remove nonexistent key: x: missing value" },
  { name: 'move past the end', doc: { a: [1] }, patch: [{ op: 'move', from: '/a/3', path: '/b' }], detail: "error in move for path: '3': Unable to access invalid index: 3: invalid index referenced" },
  { name: 'move into itself', doc: { a: { b: 1 } }, patch: [{ op: 'move', from: '/a', path: '/a/b' }], detail: 'move operation does not apply: doc is missing destination path: /a/b: missing value' },
  { name: 'move from under a missing member', doc: {}, patch: [{ op: 'move', from: '/x/y', path: '/z' }], detail: 'move operation does not apply: doc is missing from path: /x/y: missing value' },
  { name: 'move without a from', doc: {}, patch: [{ op: 'move', path: '/y' }], detail: 'move operation failed to decode from: operation, missing from field: missing value' },
  { name: 'move without a path', doc: { a: 1 }, patch: [{ op: 'move', from: '/a' }], detail: 'move operation failed to decode path: operation missing path field: missing value' },
  { name: 'move to a bad index', doc: { a: 1, b: [] }, patch: [{ op: 'move', from: '/a', path: '/b/1' }], detail: "error in move for path: '/b/1': Unable to access invalid index: 1: invalid index referenced" },
  { name: 'test a different value', doc: { a: 'y' }, patch: [{ op: 'test', path: '/a', value: 'x' }], detail: 'testing value /a failed: test failed' },
  { name: 'test a number against a string', doc: { a: 1 }, patch: [{ op: 'test', path: '/a', value: '1' }], detail: 'testing value /a failed: test failed' },
  { name: 'test a missing member', doc: {}, patch: [{ op: 'test', path: '/a', value: 'x' }], detail: 'testing value /a failed: test failed' },
  { name: 'test without a value', doc: { a: 1 }, patch: [{ op: 'test', path: '/a' }], detail: 'testing value /a failed: test failed' },
  { name: 'test an object against a bigger one', doc: { a: { x: 1 } }, patch: [{ op: 'test', path: '/a', value: { x: 1, y: 2 } }], detail: 'testing value /a failed: test failed' },
  { name: 'test an array against another', doc: { a: [1, 2] }, patch: [{ op: 'test', path: '/a', value: [2, 1] }], detail: 'testing value /a failed: test failed' },
  { name: 'test the whole document', doc: { a: 1 }, patch: [{ op: 'test', path: '', value: { a: 2 } }], detail: 'testing value  failed: test failed' },
  { name: 'test under a missing member', doc: {}, patch: [{ op: 'test', path: '/a/b', value: 1 }], detail: 'test operation does not apply: is missing path: /a/b: missing value' },
  { name: 'test a bad index', doc: { a: [] }, patch: [{ op: 'test', path: '/a/x', value: 1 }], detail: `error in test for path: '/a/x': strconv.Atoi: parsing "x": invalid syntax` },
  { name: 'test without a path', doc: {}, patch: [{ op: 'test', value: 1 }], detail: 'test operation failed to decode path: operation missing path field: missing value' },
  { name: 'copy past the end', doc: { a: [1] }, patch: [{ op: 'copy', from: '/a/9', path: '/b' }], detail: "error in copy for from: '/a/9': Unable to access invalid index: 9: invalid index referenced" },
  { name: 'copy to a bad index', doc: { a: 1, b: [] }, patch: [{ op: 'copy', from: '/a', path: '/b/5' }], detail: 'error while adding value during copy: Unable to access invalid index: 5: invalid index referenced' },
  { name: 'copy without a from', doc: {}, patch: [{ op: 'copy', path: '/b' }], detail: 'copy operation failed to decode from: operation, missing from field: missing value' },
  { name: 'copy without a path', doc: { a: 1 }, patch: [{ op: 'copy', from: '/a' }], detail: 'copy operation failed to decode path: missing value' },
  { name: 'copy under a missing member', doc: { a: 1 }, patch: [{ op: 'copy', from: '/a', path: '/x/y' }], detail: 'copy operation does not apply: doc is missing destination path: /x/y: missing value' },
  { name: 'copy from under a missing member', doc: {}, patch: [{ op: 'copy', from: '/x/y', path: '/z' }], detail: 'copy operation does not apply: doc is missing from path: /x/y: missing value' },
  { name: 'an unknown op', doc: {}, patch: [{ op: 'frob', path: '/a' }], detail: 'Unexpected kind: frob' },
  { name: 'a missing op', doc: {}, patch: [{ path: '/a' }], detail: 'Unexpected kind: unknown' },
  { name: 'a numeric op', doc: {}, patch: [{ op: 1, path: '/a' }], detail: 'Unexpected kind: unknown' },
  { name: 'a null operation', doc: {}, patch: [null], detail: 'Unexpected kind: unknown' },
  { name: 'ops are case sensitive', doc: {}, patch: [{ op: 'Add', path: '/a', value: 1 }], detail: 'Unexpected kind: Add' },
  { name: 'a scalar document', doc: 'x', patch: [], detail: 'json: cannot unmarshal string into Go value of type jsonpatch.partialDoc' },
];

for (const c of failing) {
  test(`json patch fails: ${c.name}`, () => {
    const before = JSON.stringify(c.doc);
    assert.throws(
      () => JsonPatch.from(c.patch).apply(c.doc),
      (e: unknown) => {
        assert.ok(e instanceof JsonPatchError);
        assert.equal(e.detail, c.detail);
        assert.equal(e.code, 422);
        assert.equal(e.reason, 'Invalid');
        assert.equal(e.message, 'the server rejected our request due to an error in our request');
        return true;
      },
    );
    assert.equal(JSON.stringify(c.doc), before, 'the input document is untouched');
  });
}

test('a failed patch reaches clients as the apiserver words it', () => {
  try {
    applyJsonPatch({ a: 1 }, '[{"op":"test","path":"/a","value":2}]');
    assert.fail('expected an error');
  } catch (e) {
    assert.ok(e instanceof JsonPatchError);
    assert.deepEqual(e.toStatus(), {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'the server rejected our request due to an error in our request',
      reason: 'Invalid',
      details: {},
      code: 422,
    });
  }
});

test('a later failing operation leaves the document untouched', () => {
  const doc = { a: [1] };
  assert.throws(() => applyJsonPatch(doc, '[{"op":"add","path":"/a/-","value":2},{"op":"remove","path":"/zz"}]'), JsonPatchError);
  assert.deepEqual(doc, { a: [1] });
});

test('results share nothing with the document or the patch', () => {
  const doc: Json = { a: { b: [1, { c: 2 }] }, keep: { x: 1 } };
  const value = { v: [1] };
  const patch = JsonPatch.from([
    { op: 'add', path: '/n', value },
    { op: 'copy', from: '/a', path: '/copied' },
  ]);
  const out = patch.apply(doc) as Record<string, any>;
  out.keep.x = 99;
  out.a.b[1].c = 99;
  out.n.v.push(2);
  out.copied.b.push(3);
  assert.deepEqual(doc, { a: { b: [1, { c: 2 }] }, keep: { x: 1 } });
  assert.deepEqual(value, { v: [1] });
  assert.deepEqual(patch.apply(doc), { a: { b: [1, { c: 2 }] }, keep: { x: 1 }, n: { v: [1] }, copied: { b: [1, { c: 2 }] } });
  // Copies inside one result are independent too.
  assert.deepEqual(out.a.b, [1, { c: 99 }]);
  assert.deepEqual(out.copied.b, [1, { c: 2 }, 3]);
});

test('__proto__ is an ordinary member', () => {
  const out = applyJsonPatch({}, '[{"op":"add","path":"/__proto__","value":{"polluted":true}}]') as Record<string, unknown>;
  assert.equal(Object.getPrototypeOf(out), Object.prototype);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal(JSON.stringify(out), '{"__proto__":{"polluted":true}}');
  const doc = JSON.parse('{"__proto__":{"x":1}}') as Json;
  assert.deepEqual(JSON.stringify(applyJsonPatch(doc, '[{"op":"replace","path":"/__proto__/x","value":2}]')), '{"__proto__":{"x":2}}');
  assert.throws(() => applyJsonPatch({}, '[{"op":"remove","path":"/constructor"}]'), { detail: "error in remove for path: '/constructor': Unable to remove nonexistent key: constructor: missing value" });
});

test('copy is limited to 3 MiB by default, or as configured', () => {
  const big = 'x'.repeat(1024 * 1024);
  const doc = { a: big };
  const copies = (n: number): string => JSON.stringify(Array.from({ length: n }, (_, i) => ({ op: 'copy', from: '/a', path: `/c${i}` })));
  assert.doesNotThrow(() => applyJsonPatch(doc, copies(2)));
  assert.throws(() => applyJsonPatch(doc, copies(3)), {
    detail: 'Unable to complete the copy, the accumulated size increase of copy is 3145734, exceeding the limit 3145728',
  });
  assert.doesNotThrow(() => applyJsonPatch(doc, copies(3), { maxCopyBytes: 0 }));
  // Sizes count bytes as Go writes them, with <, & and > escaped.
  assert.doesNotThrow(() => applyJsonPatch({ a: '<&>' }, copies(1), { maxCopyBytes: 20 }));
  assert.throws(() => applyJsonPatch({ a: '<&>' }, copies(1), { maxCopyBytes: 19 }), {
    detail: 'Unable to complete the copy, the accumulated size increase of copy is 20, exceeding the limit 19',
  });
});

const decodeErrors: { body: string; message: string }[] = [
  { body: '{"op":"add"}', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' },
  { body: '"x"', message: 'json: cannot unmarshal string into Go value of type jsonpatch.Patch' },
  { body: '5', message: 'json: cannot unmarshal number into Go value of type jsonpatch.Patch' },
  { body: 'true', message: 'json: cannot unmarshal bool into Go value of type jsonpatch.Patch' },
  { body: '[1]', message: 'json: cannot unmarshal number into Go value of type jsonpatch.Operation' },
  { body: '[{}, []]', message: 'json: cannot unmarshal array into Go value of type jsonpatch.Operation' },
  { body: '', message: 'unexpected end of JSON input' },
  { body: '   ', message: 'unexpected end of JSON input' },
  { body: '[', message: 'unexpected end of JSON input' },
  { body: '[{"op":"add"', message: 'unexpected end of JSON input' },
  { body: '["ab', message: 'unexpected end of JSON input' },
  { body: '[1.', message: 'unexpected end of JSON input' },
  { body: '[nul', message: 'unexpected end of JSON input' },
  { body: 'x', message: "invalid character 'x' looking for beginning of value" },
  { body: "['a']", message: "invalid character '\\'' looking for beginning of value" },
  { body: '[1,]', message: "invalid character ']' looking for beginning of value" },
  { body: '[{]', message: "invalid character ']' looking for beginning of object key string" },
  { body: '[{"a":1,}]', message: "invalid character '}' looking for beginning of object key string" },
  { body: '[1 2]', message: "invalid character '2' after array element" },
  { body: '[01]', message: "invalid character '1' after array element" },
  { body: '[{"a" 1}]', message: "invalid character '1' after object key" },
  { body: '[{"a":1 "b":2}]', message: `invalid character '"' after object key:value pair` },
  { body: '[] x', message: "invalid character 'x' after top-level value" },
  { body: '[tru]', message: "invalid character ']' in literal true (expecting 'e')" },
  { body: '[fals]', message: "invalid character ']' in literal false (expecting 'e')" },
  { body: '[nUll]', message: "invalid character 'U' in literal null (expecting 'u')" },
  { body: '["a\u0001"]', message: "invalid character '\\x01' in string literal" },
  { body: '["a\nb"]', message: "invalid character '\\n' in string literal" },
  { body: '["\\q"]', message: "invalid character 'q' in string escape code" },
  { body: '["\\u12g4"]', message: "invalid character 'g' in \\u hexadecimal character escape" },
  { body: '[-]', message: "invalid character ']' in numeric literal" },
  { body: '[1.]', message: "invalid character ']' after decimal point in numeric literal" },
  { body: '[1e]', message: "invalid character ']' in exponent of numeric literal" },
  { body: '[1e+]', message: "invalid character ']' in exponent of numeric literal" },
  { body: '\u00e9', message: "invalid character 'Ã' looking for beginning of value" },
  { body: '['.repeat(10001), message: "invalid character '[' exceeded max depth" },
];

for (const c of decodeErrors) {
  test(`json patch body ${JSON.stringify(c.body.length > 20 ? c.body.slice(0, 20) + '...' : c.body)} is a 400`, () => {
    assert.throws(
      () => JsonPatch.parse(c.body),
      (e: unknown) => e instanceof PatchDecodeError && e.code === 400 && e.reason === 'BadRequest' && e.message === c.message,
    );
  });
}

test('json patch bodies Go accepts', () => {
  assert.equal(JsonPatch.parse('null').length, 0);
  assert.equal(JsonPatch.parse(' [ ] ').length, 0);
  assert.equal(JsonPatch.parse(Buffer.from('[{"op":"add","path":"/a","value":"é"}]')).length, 1);
  const nested = (n: number): string => `[{"op":"add","path":"/a","value":${'['.repeat(n)}${']'.repeat(n)}}]`;
  assert.equal(JsonPatch.parse(nested(1000)).length, 1);
  // Go allows 10000 levels in all: the patch array, the operation, then 9998 more.
  assert.throws(() => JsonPatch.parse(nested(9999)), { message: "invalid character '[' exceeded max depth" });
  assert.deepEqual(applyJsonPatch({}, '[{"op":"add","path":"/a","value":[1e2,-0.5,"\\u00e9\\n",true,null]}]'), { a: [100, -0.5, 'é\n', true, null] });
});

test('more than 10000 operations is a 413', () => {
  const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/a', value: 1 }));
  assert.throws(() => JsonPatch.from(ops), {
    code: 413,
    reason: 'RequestEntityTooLarge',
    message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
  });
  assert.equal(JsonPatch.from(ops.slice(1)).length, 10000);
});

test('escapePointerToken', () => {
  assert.equal(escapePointerToken('a/b~c'), 'a~1b~0c');
  const patch = JsonPatch.from([{ op: 'add', path: `/${escapePointerToken('kubernetes.io/os~x')}`, value: 1 }]);
  assert.deepEqual(applyJsonPatch({}, patch), { 'kubernetes.io/os~x': 1 });
});
