import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeFieldValue, FieldSelector, FieldSelectorError, parseFieldSelector, unescapeFieldValue, type FieldRequirement } from './selector.js';

const valid: { in: string; out: string; reqs: FieldRequirement[] }[] = [
  { in: '', out: '', reqs: [] },
  { in: ',', out: '', reqs: [] },
  { in: 'a=b', out: 'a=b', reqs: [{ field: 'a', operator: '=', value: 'b' }] },
  { in: 'a==b', out: 'a=b', reqs: [{ field: 'a', operator: '=', value: 'b' }] },
  { in: 'a!=b', out: 'a!=b', reqs: [{ field: 'a', operator: '!=', value: 'b' }] },
  { in: 'a=', out: 'a=', reqs: [{ field: 'a', operator: '=', value: '' }] },
  { in: '=b', out: '=b', reqs: [{ field: '', operator: '=', value: 'b' }] },
  // Both sides empty: the term is dropped.
  { in: '=', out: '', reqs: [] },
  { in: '==,a=b', out: 'a=b', reqs: [{ field: 'a', operator: '=', value: 'b' }] },
  {
    in: 'metadata.name=x,status.phase!=Running,spec.nodeName==n1',
    out: 'metadata.name=x,spec.nodeName=n1,status.phase!=Running',
    reqs: [
      { field: 'metadata.name', operator: '=', value: 'x' },
      { field: 'spec.nodeName', operator: '=', value: 'n1' },
      { field: 'status.phase', operator: '!=', value: 'Running' },
    ],
  },
  // Terms are sorted as raw text, so "!=" sorts before "=" for the same field.
  { in: 'a=x,a!=y', out: 'a!=y,a=x', reqs: [{ field: 'a', operator: '!=', value: 'y' }, { field: 'a', operator: '=', value: 'x' }] },
  { in: 'a=b,,c=d', out: 'a=b,c=d', reqs: [{ field: 'a', operator: '=', value: 'b' }, { field: 'c', operator: '=', value: 'd' }] },
  { in: 'a=b\\,c', out: 'a=b\\,c', reqs: [{ field: 'a', operator: '=', value: 'b,c' }] },
  { in: 'a=b\\=c', out: 'a=b\\=c', reqs: [{ field: 'a', operator: '=', value: 'b=c' }] },
  { in: 'a=b\\\\c', out: 'a=b\\\\c', reqs: [{ field: 'a', operator: '=', value: 'b\\c' }] },
  { in: 'a=!b', out: 'a=!b', reqs: [{ field: 'a', operator: '=', value: '!b' }] },
  // Fields cannot escape: a term splits at its first operator.
  { in: 'a\\,b=c', out: 'a\\,b=c', reqs: [{ field: 'a\\,b', operator: '=', value: 'c' }] },
  { in: ' a = b ', out: ' a = b ', reqs: [{ field: ' a ', operator: '=', value: ' b ' }] },
];

for (const c of valid) {
  test(`parseFieldSelector(${JSON.stringify(c.in)})`, () => {
    const s = parseFieldSelector(c.in);
    assert.equal(s.toString(), c.out);
    assert.deepEqual(s.requirements(), c.reqs);
    assert.equal(s.isEmpty(), c.reqs.length === 0);
  });
}

const invalid: { in: string; message: string }[] = [
  { in: 'a', message: "invalid selector: 'a'; can't understand 'a'" },
  { in: 'a=b,c', message: "invalid selector: 'a=b,c'; can't understand 'c'" },
  { in: 'a<b', message: "invalid selector: 'a<b'; can't understand 'a<b'" },
  { in: 'a in (b)', message: "invalid selector: 'a in (b)'; can't understand 'a in (b)'" },
  { in: 'a=b=c', message: 'invalid field selector: unescaped character in value: 61' },
  { in: 'a!==b', message: 'invalid field selector: unescaped character in value: 61' },
  { in: 'a=b\\x', message: 'invalid field selector: invalid escape sequence: \\x' },
  { in: 'a=b\\', message: 'invalid field selector: invalid escape sequence: \\' },
];

for (const c of invalid) {
  test(`parseFieldSelector(${JSON.stringify(c.in)}) fails`, () => {
    assert.throws(
      () => parseFieldSelector(c.in),
      (e: unknown) => e instanceof FieldSelectorError && e.code === 400 && e.reason === 'BadRequest' && e.message === c.message,
    );
  });
}

const pod: Record<string, string> = { 'metadata.name': 'web-1', 'status.phase': 'Running', 'spec.nodeName': '' };
const get = (f: string): string | undefined => pod[f];

const matching: { selector: string; match: boolean }[] = [
  { selector: '', match: true },
  { selector: 'metadata.name=web-1', match: true },
  { selector: 'metadata.name==web-1', match: true },
  { selector: 'metadata.name=web-2', match: false },
  { selector: 'metadata.name!=web-2', match: true },
  { selector: 'metadata.name!=web-1', match: false },
  { selector: 'status.phase=Running,metadata.name=web-1', match: true },
  { selector: 'status.phase=Running,metadata.name=web-2', match: false },
  // Absent and empty fields both read as "".
  { selector: 'spec.nodeName=', match: true },
  { selector: 'spec.unknown=', match: true },
  { selector: 'spec.unknown!=x', match: true },
  { selector: 'spec.unknown=x', match: false },
];

for (const c of matching) {
  test(`${JSON.stringify(c.selector)} matches the pod: ${c.match}`, () => {
    assert.equal(parseFieldSelector(c.selector).matches(get), c.match);
  });
}

test('requiresExactMatch', () => {
  const s = parseFieldSelector('metadata.name=a,spec.nodeName!=b,metadata.namespace==c');
  assert.equal(s.requiresExactMatch('metadata.name'), 'a');
  assert.equal(s.requiresExactMatch('metadata.namespace'), 'c');
  assert.equal(s.requiresExactMatch('spec.nodeName'), undefined);
  assert.equal(s.requiresExactMatch('x'), undefined);
});

test('transform rewrites terms and drops emptied ones', () => {
  const s = parseFieldSelector('name=a,status.phase=Running', (f, v) => (f === 'name' ? ['metadata.name', v] : ['', '']));
  assert.equal(s.toString(), 'metadata.name=a');
  assert.throws(
    () =>
      parseFieldSelector('x=1', () => {
        throw new FieldSelectorError('field label not supported: x');
      }),
    { message: 'field label not supported: x' },
  );
});

test('constructors', () => {
  assert.equal(FieldSelector.equals('metadata.name', 'a,b').toString(), 'metadata.name=a\\,b');
  assert.equal(FieldSelector.fromSet({ a: '1' }).toString(), 'a=1');
  assert.equal(FieldSelector.fromSet(undefined).isEmpty(), true);
  assert.equal(FieldSelector.EVERYTHING.matches(() => undefined), true);
});

test('escaping round-trips', () => {
  for (const v of ['', 'plain', 'a,b', 'a=b', 'a\\b', '\\,=\\', 'ünï,cöde']) {
    assert.equal(unescapeFieldValue(escapeFieldValue(v)), v);
    assert.deepEqual(parseFieldSelector(`f=${escapeFieldValue(v)}`).requirements(), [{ field: 'f', operator: '=', value: v }]);
  }
});

test('requirements cannot be mutated from outside', () => {
  const s = parseFieldSelector('a=b');
  const reqs = s.requirements() as FieldRequirement[];
  assert.throws(() => {
    (reqs[0] as { value: string }).value = 'x';
  });
  assert.equal(s.toString(), 'a=b');
});
