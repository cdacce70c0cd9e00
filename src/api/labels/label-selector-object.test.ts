import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FieldError } from '../errors.js';
import { selectorFromObject, validateLabelSelector, type LabelSelectorObject } from './label-selector-object.js';

const VALUE_REGEX_DETAIL =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_REGEX_DETAIL =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

const conversions: { name: string; in: LabelSelectorObject | null | undefined; string: string; matches: [Record<string, string>, boolean][] }[] = [
  { name: 'missing selector matches nothing', in: undefined, string: '', matches: [[{}, false], [{ a: 'b' }, false]] },
  { name: 'null selector matches nothing', in: null, string: '', matches: [[{}, false]] },
  { name: 'empty selector matches everything', in: {}, string: '', matches: [[{}, true], [{ a: 'b' }, true]] },
  { name: 'empty parts match everything', in: { matchLabels: {}, matchExpressions: [] }, string: '', matches: [[{}, true]] },
  {
    name: 'labels sorted by key',
    in: { matchLabels: { tier: 'web', app: 'nginx' } },
    string: 'app=nginx,tier=web',
    matches: [[{ app: 'nginx', tier: 'web', x: 'y' }, true], [{ app: 'nginx' }, false]],
  },
  {
    name: 'every operator',
    in: {
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['b', 'a'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'gpu', operator: 'Exists', values: [] },
      ],
    },
    string: '!canary,env notin (dev),gpu,zone in (a,b)',
    matches: [
      [{ zone: 'a', gpu: '' }, true],
      [{ zone: 'a', gpu: '', env: 'dev' }, false],
      [{ zone: 'a', gpu: '', canary: 'y' }, false],
      [{ zone: 'c', gpu: '' }, false],
    ],
  },
  { name: 'labels and expressions merged by key', in: { matchLabels: { b: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] }, string: 'a,b=1', matches: [] },
];

for (const c of conversions) {
  test(`selectorFromObject: ${c.name}`, () => {
    const s = selectorFromObject(c.in);
    assert.equal(s.toString(), c.string);
    for (const [labels, want] of c.matches) assert.equal(s.matches(labels), want, JSON.stringify(labels));
  });
}

const conversionErrors: { name: string; in: LabelSelectorObject; message: string }[] = [
  {
    name: 'unknown operator',
    in: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] },
    message: '"Gt" is not a valid label selector operator',
  },
  {
    name: 'In without values',
    in: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] },
    message: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
  },
  {
    name: 'Exists with values',
    in: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
    message: 'values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist',
  },
  {
    name: 'bad key in matchLabels',
    in: { matchLabels: { '-a': 'b' } },
    message: `key: Invalid value: "-a": ${NAME_REGEX_DETAIL}`,
  },
  {
    name: 'bad value in matchLabels',
    in: { matchLabels: { a: '-b' } },
    message: `values[0][a]: Invalid value: "-b": ${VALUE_REGEX_DETAIL}`,
  },
  {
    name: 'several problems in one requirement',
    in: { matchExpressions: [{ key: '-k', operator: 'NotIn', values: ['ok', '-no'] }] },
    message: `[key: Invalid value: "-k": ${NAME_REGEX_DETAIL}, values[1][-k]: Invalid value: "-no": ${VALUE_REGEX_DETAIL}]`,
  },
];

for (const c of conversionErrors) {
  test(`selectorFromObject error: ${c.name}`, () => {
    assert.throws(() => selectorFromObject(c.in), { name: 'LabelSelectorError', code: 400, message: c.message });
  });
}

const validations: { name: string; in: LabelSelectorObject | null; errors: FieldError[] }[] = [
  { name: 'null is valid', in: null, errors: [] },
  { name: 'good selector', in: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }] }, errors: [] },
  {
    name: 'bad label key and value are reported at the map',
    in: { matchLabels: { '-a': '-b' } },
    errors: [
      { type: 'FieldValueInvalid', field: 'spec.selector.matchLabels', value: '-a', detail: NAME_REGEX_DETAIL },
      { type: 'FieldValueInvalid', field: 'spec.selector.matchLabels', value: '-b', detail: VALUE_REGEX_DETAIL },
    ],
  },
  {
    name: 'In needs values',
    in: { matchExpressions: [{ key: 'a', operator: 'In' }] },
    errors: [{ type: 'FieldValueRequired', field: 'spec.selector.matchExpressions[0].values', detail: "must be specified when `operator` is 'In' or 'NotIn'" }],
  },
  {
    name: 'Exists forbids values',
    in: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] },
    errors: [
      {
        type: 'FieldValueForbidden',
        field: 'spec.selector.matchExpressions[0].values',
        detail: "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
      },
    ],
  },
  {
    name: 'unknown operator, bad key and bad value together',
    in: { matchExpressions: [{ key: 'a', operator: 'In', values: ['b'] }, { key: '', operator: 'Like', values: ['-x'] }] },
    errors: [
      { type: 'FieldValueInvalid', field: 'spec.selector.matchExpressions[1].operator', value: 'Like', detail: 'not a valid selector operator' },
      { type: 'FieldValueInvalid', field: 'spec.selector.matchExpressions[1].key', value: '', detail: 'name part must be non-empty' },
      { type: 'FieldValueInvalid', field: 'spec.selector.matchExpressions[1].key', value: '', detail: NAME_REGEX_DETAIL },
      { type: 'FieldValueInvalid', field: 'spec.selector.matchExpressions[1].values[0]', value: '-x', detail: VALUE_REGEX_DETAIL },
    ],
  },
];

for (const c of validations) {
  test(`validateLabelSelector: ${c.name}`, () => {
    assert.deepEqual(validateLabelSelector(c.in, 'spec.selector'), c.errors);
  });
}

test('validateLabelSelector can allow old invalid values', () => {
  const ps = { matchExpressions: [{ key: 'a', operator: 'In', values: ['-x'] }] };
  assert.deepEqual(validateLabelSelector(ps, 'spec.selector', { allowInvalidLabelValueInSelector: true }), []);
});
