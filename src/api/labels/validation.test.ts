import { test } from 'node:test';
import assert from 'node:assert/strict';
import { goQuote } from './go-format.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidLabelValue, validateLabels } from './validation.js';

const NAME_REGEX =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const SUBDOMAIN_REGEX =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an " +
  "alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const VALUE_REGEX =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const LABEL_REGEX =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character " +
  "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

const keys: { in: string; errs: string[] }[] = [
  { in: 'a', errs: [] },
  { in: 'A.b_c-9', errs: [] },
  { in: 'example.com/MyName', errs: [] },
  { in: 'a.b-c.d/x', errs: [] },
  { in: 'k'.repeat(63), errs: [] },
  { in: `${'a'.repeat(253)}/x`, errs: [] },
  { in: '', errs: ['name part must be non-empty', `name part ${NAME_REGEX}`] },
  { in: '-a', errs: [`name part ${NAME_REGEX}`] },
  { in: 'a-', errs: [`name part ${NAME_REGEX}`] },
  { in: 'a b', errs: [`name part ${NAME_REGEX}`] },
  { in: 'k'.repeat(64), errs: ['name part must be no more than 63 characters'] },
  { in: `${'é'.repeat(32)}`, errs: ['name part must be no more than 63 characters', `name part ${NAME_REGEX}`] },
  { in: '/a', errs: ['prefix part must be non-empty'] },
  { in: 'a/', errs: ['name part must be non-empty', `name part ${NAME_REGEX}`] },
  { in: 'A/b', errs: [`prefix part ${SUBDOMAIN_REGEX}`] },
  { in: 'a..b/c', errs: [`prefix part ${SUBDOMAIN_REGEX}`] },
  { in: `${'a'.repeat(254)}/x`, errs: ['prefix part must be no more than 253 characters'] },
  {
    in: 'a/b/c',
    errs: [`a qualified name ${NAME_REGEX} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
  },
];

for (const c of keys) {
  test(`isQualifiedName(${JSON.stringify(c.in.length > 40 ? c.in.slice(0, 20) + '...' : c.in)})`, () => {
    assert.deepEqual(isQualifiedName(c.in), c.errs);
  });
}

const values: { in: string; errs: string[] }[] = [
  { in: '', errs: [] },
  { in: 'a', errs: [] },
  { in: 'My_value-1.0', errs: [] },
  { in: 'v'.repeat(63), errs: [] },
  { in: 'v'.repeat(64), errs: ['must be no more than 63 characters'] },
  { in: '-v', errs: [VALUE_REGEX] },
  { in: 'v_', errs: [VALUE_REGEX] },
  { in: 'a/b', errs: [VALUE_REGEX] },
  { in: `_${'v'.repeat(64)}`, errs: ['must be no more than 63 characters', VALUE_REGEX] },
];

for (const c of values) {
  test(`isValidLabelValue(${JSON.stringify(c.in.length > 40 ? c.in.slice(0, 20) + '...' : c.in)})`, () => {
    assert.deepEqual(isValidLabelValue(c.in), c.errs);
  });
}

test('isDNS1123Label and isDNS1123Subdomain', () => {
  assert.deepEqual(isDNS1123Label('my-name'), []);
  assert.deepEqual(isDNS1123Label('a.b'), ['must not contain dots']);
  assert.deepEqual(isDNS1123Label('My'), [LABEL_REGEX]);
  assert.deepEqual(isDNS1123Label('a'.repeat(64)), ['must be no more than 63 characters']);
  assert.deepEqual(isDNS1123Subdomain('example.com'), []);
  assert.deepEqual(isDNS1123Subdomain('example.com.'), [SUBDOMAIN_REGEX]);
  assert.deepEqual(isDNS1123Subdomain('-a'), [SUBDOMAIN_REGEX]);
});

test('validateLabels reports at the map path', () => {
  assert.deepEqual(validateLabels({ ok: 'fine' }, 'metadata.labels'), []);
  assert.deepEqual(validateLabels(undefined, 'metadata.labels'), []);
  assert.deepEqual(validateLabels({ 'a/b/c': 'x', k: '-v' }, 'metadata.labels'), [
    {
      type: 'FieldValueInvalid',
      field: 'metadata.labels',
      value: 'a/b/c',
      detail: `a qualified name ${NAME_REGEX} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    },
    { type: 'FieldValueInvalid', field: 'metadata.labels', value: '-v', detail: VALUE_REGEX },
  ]);
});

test('goQuote follows strconv.Quote', () => {
  const cases: [string, string][] = [
    ['abc', '"abc"'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['\n\t\r\u0007\u0008\u000b\u000c', '"\\n\\t\\r\\a\\b\\v\\f"'],
    ['\u0001\u007f', '"\\x01\\x7f"'],
    ['é日本', '"é日本"'],
    ['\u00a0\u200b', '"\\u00a0\\u200b"'],
    ['😀', '"😀"'],
  ];
  for (const [input, want] of cases) assert.equal(goQuote(input), want);
});
