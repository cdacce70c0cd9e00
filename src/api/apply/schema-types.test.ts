import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaNode } from '../openapi/schema.js';
import { atomOf, pick, samePick, type Atom } from './schema-types.js';

const pod = atomOf(SchemaNode.forKind('', 'v1', 'Pod')!);
const deployment = atomOf(SchemaNode.forKind('apps', 'v1', 'Deployment')!);

function at(atom: Atom, ...path: string[]): Atom {
  let a = atom;
  for (const step of path) {
    if (step === '[]') a = a.list!.elem.atom;
    else a = (a.map!.fields?.get(step) ?? a.map!.elem)!.atom;
  }
  return a;
}

const cases: { name: string; atom: Atom; want: (a: Atom) => void }[] = [
  {
    name: 'containers: associative by name',
    atom: at(pod, 'spec', 'containers'),
    want: (a) => assert.deepEqual([a.list!.atomic, a.list!.keys], [false, ['name']]),
  },
  {
    name: 'container ports: keyed by containerPort and protocol, protocol defaulting to TCP',
    atom: at(pod, 'spec', 'containers', '[]', 'ports'),
    want: (a) => {
      assert.deepEqual([a.list!.atomic, a.list!.keys], [false, ['containerPort', 'protocol']]);
      assert.equal(a.list!.elem.atom.map!.defaults!.get('protocol'), 'TCP');
    },
  },
  {
    name: 'finalizers: a set',
    atom: at(pod, 'metadata', 'finalizers'),
    want: (a) => assert.deepEqual([a.list!.atomic, a.list!.keys], [false, []]),
  },
  {
    name: 'tolerations: atomic',
    atom: at(pod, 'spec', 'tolerations'),
    want: (a) => assert.equal(a.list!.atomic, true),
  },
  {
    name: 'args: atomic',
    atom: at(pod, 'spec', 'containers', '[]', 'args'),
    want: (a) => assert.equal(a.list!.atomic, true),
  },
  {
    name: 'labels: a granular map of strings',
    atom: at(pod, 'metadata', 'labels'),
    want: (a) => {
      assert.equal(a.map!.atomic, false);
      assert.equal(a.map!.fields, undefined);
      assert.equal(a.map!.elem!.atom.scalar, 'string');
    },
  },
  {
    name: 'nodeSelector: an atomic map',
    atom: at(pod, 'spec', 'nodeSelector'),
    want: (a) => assert.equal(a.map!.atomic, true),
  },
  {
    name: 'selector: LabelSelector is atomic',
    atom: at(deployment, 'spec', 'selector'),
    want: (a) => assert.equal(a.map!.atomic, true),
  },
  {
    name: 'strategy: a granular struct',
    atom: at(deployment, 'spec', 'strategy'),
    want: (a) => {
      assert.equal(a.map!.atomic, false);
      assert.ok(a.map!.fields!.has('rollingUpdate'));
      assert.equal(a.map!.elem, undefined, 'no undeclared fields');
    },
  },
  {
    name: 'maxSurge: int-or-string is an untyped scalar',
    atom: at(deployment, 'spec', 'strategy', 'rollingUpdate', 'maxSurge'),
    want: (a) => assert.deepEqual([a.scalar, a.map, a.list], ['untyped', undefined, undefined]),
  },
  {
    name: 'resource limits: Quantity is an untyped scalar',
    atom: at(pod, 'spec', 'containers', '[]', 'resources', 'limits', 'cpu'),
    want: (a) => assert.equal(a.scalar, 'untyped'),
  },
  {
    name: 'replicas: numeric',
    atom: at(deployment, 'spec', 'replicas'),
    want: (a) => assert.equal(a.scalar, 'numeric'),
  },
  {
    name: 'creationTimestamp: date-time is untyped',
    atom: at(pod, 'metadata', 'creationTimestamp'),
    want: (a) => assert.equal(a.scalar, 'untyped'),
  },
];

for (const c of cases) test(`schema: ${c.name}`, () => c.want(c.atom));

test('RawExtension is an untyped scalar', () => {
  const rev = atomOf(SchemaNode.forKind('apps', 'v1', 'ControllerRevision')!);
  assert.deepEqual(Object.keys(at(rev, 'data')).sort(), ['definition', 'scalar']);
});

test('atoms are memoized per definition', () => {
  assert.equal(atomOf(SchemaNode.forKind('', 'v1', 'Pod')!), pod);
  assert.equal(at(pod, 'spec'), at(pod, 'spec'));
});

test('pick and samePick follow the value where the schema allows several kinds', () => {
  const any: Atom = { scalar: 'untyped', list: at(pod, 'spec', 'tolerations').list, map: at(pod, 'metadata', 'labels').map };
  assert.equal(pick(any, 'x'), 'scalar');
  assert.equal(pick(any, [1]), 'list');
  assert.equal(pick(any, { a: 1 }), 'map');
  assert.equal(pick(any, null), 'map');
  assert.ok(!samePick(any, 'x', { a: 1 }));
  const struct = at(deployment, 'spec');
  assert.ok(samePick(struct, null, { replicas: 1 }), 'a one-kind atom is that kind whatever the value');
});
