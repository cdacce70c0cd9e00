import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelSelector } from './parser.js';
import { newRequirement, Requirement, type Labels } from './requirement.js';
import { LabelSelector, labelsContain, selectorFromSet, validatedSelectorFromSet } from './selector.js';
import { LabelSelectorError } from './errors.js';

const matching: { selector: string; labels: Labels | undefined; match: boolean }[] = [
  { selector: '', labels: undefined, match: true },
  { selector: '', labels: { x: 'y' }, match: true },
  { selector: 'x=y', labels: { x: 'y' }, match: true },
  { selector: 'x==y', labels: { x: 'y' }, match: true },
  { selector: 'x=y', labels: { x: 'z' }, match: false },
  { selector: 'x=y', labels: {}, match: false },
  { selector: 'x=y', labels: undefined, match: false },
  { selector: 'x=', labels: { x: '' }, match: true },
  { selector: 'x=', labels: {}, match: false },
  { selector: 'x!=y', labels: { x: 'z' }, match: true },
  { selector: 'x!=y', labels: {}, match: true },
  { selector: 'x!=y', labels: { x: 'y' }, match: false },
  { selector: 'x in (y,z)', labels: { x: 'z' }, match: true },
  { selector: 'x in (y,z)', labels: { x: 'w' }, match: false },
  { selector: 'x in (y,z)', labels: {}, match: false },
  { selector: 'x in ()', labels: { x: '' }, match: true },
  { selector: 'x notin (y)', labels: { x: 'z' }, match: true },
  { selector: 'x notin (y)', labels: {}, match: true },
  { selector: 'x notin (y)', labels: { x: 'y' }, match: false },
  { selector: 'x', labels: { x: '' }, match: true },
  { selector: 'x', labels: { y: 'x' }, match: false },
  { selector: '!x', labels: { y: 'x' }, match: true },
  { selector: '!x', labels: { x: 'x' }, match: false },
  { selector: '!x', labels: undefined, match: true },
  { selector: 'x>1', labels: { x: '2' }, match: true },
  { selector: 'x>1', labels: { x: '1' }, match: false },
  { selector: 'x>1', labels: { x: '+02' }, match: true },
  { selector: 'x>1', labels: { x: 'a' }, match: false },
  { selector: 'x>1', labels: {}, match: false },
  { selector: 'x<1', labels: { x: '0' }, match: true },
  { selector: 'x<1', labels: { x: '-5' }, match: true },
  { selector: 'x<1', labels: { x: '1' }, match: false },
  { selector: 'x>9223372036854775806', labels: { x: '9223372036854775807' }, match: true },
  { selector: 'x<1', labels: { x: '-9223372036854775809' }, match: false },
  { selector: 'x=a,y=b', labels: { x: 'a', y: 'b' }, match: true },
  { selector: 'x=a,y=b', labels: { x: 'a', y: 'c' }, match: false },
  { selector: 'app,!canary,tier in (web,api)', labels: { app: 'a', tier: 'api' }, match: true },
  // Keys that name Object.prototype members are ordinary labels.
  { selector: 'constructor', labels: {}, match: false },
  { selector: '!constructor', labels: {}, match: true },
  { selector: 'toString!=x', labels: {}, match: true },
  { selector: 'constructor=x', labels: { constructor: 'x' }, match: true },
];

for (const c of matching) {
  test(`${JSON.stringify(c.selector)} matches ${JSON.stringify(c.labels)}: ${c.match}`, () => {
    assert.equal(parseLabelSelector(c.selector).matches(c.labels), c.match);
  });
}

test('long value lists match through a set and print sorted', () => {
  const values = ['j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'];
  const r = new Requirement('x', 'in', values);
  assert.equal(r.matches({ x: 'e' }), true);
  assert.equal(r.matches({ x: 'z' }), false);
  assert.equal(r.toString(), 'x in (a,b,c,d,e,f,g,h,i,j)');
  assert.deepEqual(r.values, values, 'stored order untouched');
  assert.equal(new Requirement('x', 'notin', values).matches({ x: 'z' }), true);
});

test('the nothing selector', () => {
  const n = LabelSelector.NOTHING;
  assert.equal(n.matches({}), false);
  assert.equal(n.matches(undefined), false);
  assert.equal(n.isEmpty(), false);
  assert.equal(n.matchesNothing(), true);
  assert.equal(n.toString(), '');
  assert.equal(n.add(new Requirement('a', 'exists', [])), n);
  assert.equal(LabelSelector.EVERYTHING.matchesNothing(), false);
});

test('add copies and keeps the selector sorted', () => {
  const s = parseLabelSelector('b=1');
  const t = s.add(new Requirement('a', 'exists', []), new Requirement('c', '!', []));
  assert.equal(s.toString(), 'b=1');
  assert.equal(t.toString(), 'a,b=1,!c');
});

test('requiresExactMatch', () => {
  const s = parseLabelSelector('a=1,b in (2),c in (3,4),d!=5,e==6');
  assert.equal(s.requiresExactMatch('a'), '1');
  assert.equal(s.requiresExactMatch('b'), '2');
  assert.equal(s.requiresExactMatch('c'), undefined);
  assert.equal(s.requiresExactMatch('d'), undefined);
  assert.equal(s.requiresExactMatch('e'), '6');
  assert.equal(s.requiresExactMatch('z'), undefined);
});

test('selectorFromSet', () => {
  assert.equal(selectorFromSet({ tier: 'web', app: 'nginx' }).toString(), 'app=nginx,tier=web');
  assert.equal(selectorFromSet({}).isEmpty(), true);
  assert.equal(selectorFromSet(undefined).isEmpty(), true);
  assert.equal(selectorFromSet({ app: 'a' }).matches({ app: 'a', x: 'y' }), true);
  // Unvalidated, as Kubernetes' SelectorFromSet is.
  assert.equal(selectorFromSet({ '-bad': 'x y' }).toString(), '-bad=x y');
  assert.throws(() => validatedSelectorFromSet({ '-bad': 'x' }), LabelSelectorError);
  assert.equal(validatedSelectorFromSet({ b: '2', a: '1' }).toString(), 'a=1,b=2');
});

test('labelsContain', () => {
  assert.equal(labelsContain({ a: '1', b: '2' }, { a: '1' }), true);
  assert.equal(labelsContain({ a: '1' }, { a: '2' }), false);
  assert.equal(labelsContain(undefined, {}), true);
  assert.equal(labelsContain(undefined, { a: '1' }), false);
});

const requirementErrors: { key: string; op: string; values: string[] | null; message: string }[] = [
  { key: 'a', op: 'in', values: [], message: "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty" },
  { key: 'a', op: 'notin', values: null, message: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty" },
  { key: 'a', op: '=', values: ['x', 'y'], message: 'values: Invalid value: []string{"x", "y"}: exact-match compatibility requires one single value' },
  { key: 'a', op: '!', values: ['x'], message: 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist' },
  { key: 'a', op: 'gt', values: [], message: "values: Invalid value: []string{}: for 'Gt', 'Lt' operators, exactly one value is required" },
  {
    key: 'a',
    op: 'like',
    values: [],
    message: 'operator: Unsupported value: "like": supported values: "in", "notin", "=", "==", "!=", "gt", "lt", "exists", "!"',
  },
  {
    key: '',
    op: 'exists',
    values: [],
    message:
      'key: Invalid value: "": name part must be non-empty; name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', ' +
      "and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation " +
      "is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
  },
];

for (const c of requirementErrors) {
  test(`newRequirement(${JSON.stringify(c.key)}, ${c.op}, ${JSON.stringify(c.values)}) fails`, () => {
    assert.throws(() => newRequirement(c.key, c.op, c.values), { name: 'LabelSelectorError', message: c.message });
  });
}

test('newRequirement accepts every operator', () => {
  const cases: [string, string[], string][] = [
    ['in', ['b', 'a'], 'k in (a,b)'],
    ['notin', ['a'], 'k notin (a)'],
    ['=', ['a'], 'k=a'],
    ['==', ['a'], 'k==a'],
    ['!=', ['a'], 'k!=a'],
    ['exists', [], 'k'],
    ['!', [], '!k'],
    ['gt', ['5'], 'k>5'],
    ['lt', ['5'], 'k<5'],
  ];
  for (const [op, values, printed] of cases) assert.equal(newRequirement('k', op, values).toString(), printed);
});
