import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { yamlOf } from './v2-protobuf-yaml.js';

describe('yamlOf: JSON values as yaml.v3 marshals them', () => {
  const cases: [string, unknown, string][] = [
    ['a plain string', 'merge', 'merge\n'],
    ['an empty string', '', '""\n'],
    ['a string that reads as a bool', 'true', '"true"\n'],
    ['a string that reads as null', 'null', '"null"\n'],
    ['a string that reads as an int', '123', '"123"\n'],
    ['a string that reads as hex', '0x1F', '"0x1F"\n'],
    ['a string that reads as a float', '1.5', '"1.5"\n'],
    ['a string that reads as a date', '2001-12-14', '"2001-12-14"\n'],
    ['a version is a string', 'v1', 'v1\n'],
    ['a comma is fine in block context', 'merge,retainKeys', 'merge,retainKeys\n'],
    ['": " cannot be plain', 'a: b', "'a: b'\n"],
    ['a leading dash and space cannot be plain', '- x', "'- x'\n"],
    ['a leading indicator cannot be plain', '*x', "'*x'\n"],
    ['" #" cannot be plain', 'a #b', "'a #b'\n"],
    ['a leading space cannot be plain', ' x', "' x'\n"],
    ['an apostrophe inside is fine plain', "it's", "it's\n"],
    ['an apostrophe is doubled in single quotes', "'q'", "'''q'''\n"],
    ['a tab needs double quotes', 'a\tb', '"a\\tb"\n'],
    ['a line break is escaped', 'a\nb', '"a\\nb"\n'],
    ['unicode is printed', 'héllo ☃', 'héllo ☃\n'],
    ['an integer', 42, '42\n'],
    ['a float', 0.5, '0.5\n'],
    ['a bool', true, 'true\n'],
    ['null', null, 'null\n'],
    ['an empty map', {}, '{}\n'],
    ['an empty list', [], '[]\n'],
    ['a group-version-kind', { group: '', version: 'v1', kind: 'Pod' }, 'group: ""\nversion: v1\nkind: Pod\n'],
    ['a list of keys', ['containerPort', 'protocol'], '- containerPort\n- protocol\n'],
    ['nested maps indent by four', { a: { b: { c: 1 } } }, 'a:\n    b:\n        c: 1\n'],
    ['a list under a key is indented too', { a: ['x', 'y'], b: [] }, 'a:\n    - x\n    - y\nb: []\n'],
    ['maps in a list start after the dash', [{ group: '', kind: 'A', version: 'v1' }, { group: 'apps', kind: 'B', version: 'v1' }], '- group: ""\n  kind: A\n  version: v1\n- group: apps\n  kind: B\n  version: v1\n'],
    [
      'a map inside a map inside a list rounds up to the next four',
      [{ discriminator: 'type', 'fields-to-discriminateBy': { localhostProfile: 'LocalhostProfile' } }],
      '- discriminator: type\n  fields-to-discriminateBy:\n    localhostProfile: LocalhostProfile\n',
    ],
    ['a list in a list', [[1, 2], [3]], '- - 1\n  - 2\n- - 3\n'],
  ];
  for (const [name, value, want] of cases) {
    test(name, () => {
      const got = yamlOf(value);
      assert.equal(got, want);
      assert.deepEqual(parseYaml(got), value);
    });
  }
});
