import { describe } from 'node:test';

import { configMap, secret } from './fixtures.js';
import { at, createCases, updateCases, type Case } from './testing.js';

const KEY_MSG =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('ConfigMap create', () => {
  const cases: Case[] = [
    ['valid', () => {}, []],
    ['bad key', (o) => (o.data = { 'a b': 'x' }), [`data[a b]: Invalid value: "a b": ${KEY_MSG}`]],
    [
      'key in both data and binaryData',
      (o) => (o.binaryData = { 'app.conf': 'eA==' }),
      ['data[app.conf]: Invalid value: "app.conf": duplicate of key present in binaryData'],
    ],
    // Values count, keys do not; reported against the whole object, an empty path.
    ['too large', (o) => (o.data = { big: 'x'.repeat(1024 * 1024 + 1) }), [': Too long: may not be more than 1048576 bytes']],
    ['exactly the limit', (o) => (o.data = { big: 'x'.repeat(1024 * 1024) }), []],
  ];
  createCases(configMap, cases);
});

describe('ConfigMap update', () => {
  const immutable = () => {
    const cm = configMap();
    cm.immutable = true;
    return cm;
  };
  updateCases(configMap, [
    ['data may change', (o) => (o.data = { other: 'y' }), []],
  ]);
  updateCases(immutable, [
    ['immutable data', (o) => (o.data = { other: 'y' }), ['data: Forbidden: field is immutable when `immutable` is set']],
    ['immutable cannot be unset', (o) => (o.immutable = false), ['immutable: Forbidden: field is immutable when `immutable` is set']],
  ]);
});

describe('Secret', () => {
  createCases(secret, [
    ['valid', () => {}, []],
    ['bad key', (o) => (o.data = { '/etc': 'eA==' }), [`data[/etc]: Invalid value: "/etc": ${KEY_MSG}`]],
    [
      'service account token needs the annotation',
      (o) => (o.type = 'kubernetes.io/service-account-token'),
      ['metadata.annotations[kubernetes.io/service-account.name]: Required value'],
    ],
    [
      'dockerconfigjson needs its key',
      (o) => (o.type = 'kubernetes.io/dockerconfigjson'),
      ['data[.dockerconfigjson]: Required value'],
    ],
  ]);
  updateCases(secret, [
    ['type immutable', (o) => (o.type = 'Other'), ['type: Invalid value: "Other": field is immutable']],
  ]);
  const immutable = () => {
    const s = secret();
    s.immutable = true;
    return s;
  };
  updateCases(immutable, [
    ['immutable data', (o) => (at(o, 'data').password = 'eA=='), ['data: Forbidden: field is immutable when `immutable` is set']],
  ]);
});
