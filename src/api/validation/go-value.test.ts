import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { fieldErrorBody, fieldErrorString } from '../errors.js';
import { duplicate, invalid, notSupported, required, tooLong, tooMany } from './field.js';
import { goIntOrString, goLabelSelector, goQuantity, goSprintV, goStringMap, goTypedStrings } from './go-value.js';

describe('values in field errors, as Go prints them', () => {
  const cases: [string, unknown, string][] = [
    ['string', 'a"b', 'Invalid value: "a\\"b": d'],
    ['number', 3, 'Invalid value: 3: d'],
    ['bool', true, 'Invalid value: true: d'],
    ['nil', null, 'Invalid value: null: d'],
    ['[]string', ['a', 'b'], 'Invalid value: []string{"a", "b"}: d'],
    ['map[string]string', { b: '2', a: '1' }, 'Invalid value: map[string]string{"a":"1", "b":"2"}: d'],
    ['nil map', goStringMap(undefined), 'Invalid value: map[string]string(nil): d'],
    ['typed slice', goTypedStrings('core.PersistentVolumeAccessMode', ['ReadWriteOnce']), 'Invalid value: []core.PersistentVolumeAccessMode{"ReadWriteOnce"}: d'],
    ['IntOrString string', goIntOrString('25%'), 'Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"25%"}: d'],
    ['IntOrString int', goIntOrString(3), 'Invalid value: intstr.IntOrString{Type:0, IntVal:3, StrVal:""}: d'],
    [
      'LabelSelector',
      goLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a'] }] }),
      'Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"tier", Operator:"In", Values:[]string{"a"}}}}: d',
    ],
    ['nil LabelSelector', goLabelSelector(undefined), 'Invalid value: null: d'],
  ];
  for (const [name, value, want] of cases) test(name, () => assert.equal(fieldErrorBody(invalid('f', value, 'd')), want));

  test('types that show or omit the value', () => {
    assert.equal(fieldErrorString(required('a.b')), 'a.b: Required value');
    assert.equal(fieldErrorString(tooLong('a', 63)), 'a: Too long: may not be more than 63 bytes');
    assert.equal(fieldErrorString(tooMany('a', 25, 20)), 'a: Too many: 25: must have at most 20 items');
    assert.equal(fieldErrorString(duplicate('a[1]', 'x')), 'a[1]: Duplicate value: "x"');
    assert.equal(fieldErrorString(notSupported('a', 'x', ['b', 'c'])), 'a: Unsupported value: "x": supported values: "b", "c"');
    assert.equal(fieldErrorString(invalid('', 1, 'whole object')), ': Invalid value: 1: whole object');
  });
});

describe('goQuantity: resource.Quantity as ParseQuantity leaves it', () => {
  const q = (i: string, s: string, format = 'DecimalSI', dec = 'nil') =>
    `resource.Quantity{i:resource.int64Amount{${i}}, d:resource.infDecAmount{Dec:(*inf.Dec)(${dec})}, s:"${s}", Format:"${format}"}`;
  const cases: [unknown, string][] = [
    ['0', q('value:0, scale:0', '0')],
    ['500m', q('value:500, scale:-3', '500m')],
    ['2', q('value:2, scale:0', '2')],
    ['1.5', q('value:15, scale:-1', '')],
    ['1000', q('value:1000, scale:0', '')],
    ['1Gi', q('value:1073741824, scale:0', '1Gi', 'BinarySI')],
    ['8Gi', q('value:8589934592, scale:0', '', 'BinarySI')],
    ['1e3', q('value:1, scale:3', '1e3', 'DecimalExponent')],
    [2, q('value:2, scale:0', '2')],
  ];
  for (const [input, want] of cases) test(String(input), () => assert.equal(goQuantity(input).text, want));
  test('after String() in the same statement', () => assert.equal(goQuantity('1000', true).text, q('value:1000, scale:0', '1k')));
});

describe('goSprintV', () => {
  test('%+v of a decoded patch', () => {
    assert.equal(goSprintV({ spec: { replicas: 3, x: [1, 'a'], n: null } }), 'map[spec:map[n:<nil> replicas:3 x:[1 a]]]');
  });
});
