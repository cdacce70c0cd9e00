import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { Json } from '../meta.js';
import { SchemaNode } from '../openapi/schema.js';
import type { Schema } from '../openapi/definitions.js';
import { PatchDecodeError } from './errors.js';
import {
  applyStrategicMergePatch,
  applyStrategicMergePatchInPlace,
  applyStrategicMergePatchText,
  StrategicMergePatchError,
  StrategicMergePatchPanic,
} from './strategic-merge.js';
import { patchMetaLookup, splitPatchStrategy } from './strategic-patch-meta.js';
import { goFormatS, goFormatV } from './strategic-go-value.js';

const y = (s: string): Json => (parse(s) ?? {}) as Json;

// A test type with one field of every shape, as Kubernetes' own strategic merge patch
// tables use: lists merged by "name", merged and replaced lists of objects and of
// integers, a pointer field holding a merged list, a string map, a field replaced
// wholesale, and retainKeys on an object and on a merged list.
function mergeItem(depth: number): Schema {
  const item: Schema = depth > 0 ? mergeItem(depth - 1) : { type: 'object', properties: { name: { type: 'string' } } };
  const merged = { 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': 'name' };
  return {
    type: 'object',
    properties: {
      name: { type: 'string' },
      value: { type: 'string' },
      other: { type: 'string' },
      mergingList: { type: 'array', items: item, ...merged },
      nonMergingList: { type: 'array', items: item },
      mergingIntList: { type: 'array', items: { type: 'integer' }, 'x-kubernetes-patch-strategy': 'merge' },
      nonMergingIntList: { type: 'array', items: { type: 'integer' } },
      mergeItemPtr: { ...item, ...merged },
      simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
      replacingItem: { type: 'object', 'x-kubernetes-patch-strategy': 'replace' },
      retainKeysMap: {
        type: 'object',
        'x-kubernetes-patch-strategy': 'retainKeys',
        properties: {
          name: { type: 'string' },
          value: { type: 'string' },
          other: { type: 'string' },
          simpleMap: { type: 'object', additionalProperties: { type: 'string' } },
          mergingIntList: { type: 'array', items: { type: 'integer' }, 'x-kubernetes-patch-strategy': 'merge' },
          mergingList: { type: 'array', items: item, ...merged },
          nonMergingList: { type: 'array', items: item },
        },
      },
      retainKeysMergingList: { type: 'array', items: item, 'x-kubernetes-patch-strategy': 'merge,retainKeys', 'x-kubernetes-patch-merge-key': 'name' },
    },
  };
}

const kind = (group: string, version: string, k: string): SchemaNode => {
  const node = SchemaNode.forKind(group, version, k);
  assert.ok(node, `${group}/${version} ${k} has a schema`);
  return node;
};

const SCHEMAS = {
  item: new SchemaNode(mergeItem(4)),
  pod: kind('', 'v1', 'Pod'),
  deployment: kind('apps', 'v1', 'Deployment'),
  service: kind('', 'v1', 'Service'),
  configmap: kind('', 'v1', 'ConfigMap'),
  revision: kind('apps', 'v1', 'ControllerRevision'),
  none: undefined,
};
type SchemaName = keyof typeof SCHEMAS;

interface Case {
  name: string;
  schema: SchemaName;
  original: string;
  patch: string;
  want: string;
}

function check(c: Case): void {
  const original = y(c.original);
  const patch = y(c.patch);
  const before = [JSON.stringify(original), JSON.stringify(patch)];
  const got = applyStrategicMergePatch(original, patch, SCHEMAS[c.schema]);
  assert.deepEqual(got, y(c.want));
  // Lists must come out in exactly this order: deepEqual already compares arrays by position.
  assert.deepEqual([JSON.stringify(original), JSON.stringify(patch)], before, 'the inputs are untouched');
}

// Applying the patches `kubectl apply` computes (three-way: last-applied, new config,
// live object) to the live object, with the results the apiserver gives. Cases and
// results are those of Kubernetes' strategic merge patch tables.
const threeWay: Case[] = [
  {
    name: 'delete a scalar from a merged list, keeping server-only items',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 3, 4]',
    patch: '{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}',
    want: 'mergingIntList: [1, 2, 4]',
  },
  {
    name: 'delete every duplicate of a scalar',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 3, 3, 4]',
    patch: '{$setElementOrder/mergingIntList: [1, 2], $deleteFromPrimitiveList/mergingIntList: [3]}',
    want: 'mergingIntList: [1, 2, 4]',
  },
  {
    name: 'add and delete scalars (two-way patch)',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 3]',
    patch: '{$setElementOrder/mergingIntList: [1, 2, 4], $deleteFromPrimitiveList/mergingIntList: [3], mergingIntList: [4]}',
    want: 'mergingIntList: [1, 2, 4]',
  },
  {
    name: 'merge lists of maps',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 4}, {name: 1}, {name: 2}, {name: 3}]
mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]`,
    want: `
mergingList:
  - {name: 4, value: 4}
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}
  - {name: 3, value: 3}`,
  },
  {
    name: 'merge lists of maps, overriding a live change',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 3, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
mergingList: [{name: 2, value: 2}, {name: 3, value: 3}]`,
    want: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}
  - {name: 3, value: 3}`,
  },
  {
    name: 'add a field to a map in a merged list',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}]
mergingList: [{name: 1, value: 1}]`,
    want: `
mergingList:
  - {name: 1, value: 1, other: a}
  - {name: 2, value: 2, other: b}`,
  },
  {
    name: 'an item the order lists but the live list lost is added back',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 3, value: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}]
mergingList: [{name: 1, value: 1}, {name: 2, value: 2}]`,
    want: `
mergingList:
  - {name: 1, value: 1, other: a}
  - {name: 2, value: 2}
  - {name: 3, value: 2, other: b}`,
  },
  {
    name: 'replace a field of a map in a merged list',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, value: 3, other: a}
  - {name: 2, value: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}]
mergingList: [{name: 1, value: a}]`,
    want: `
mergingList:
  - {name: 1, value: a, other: a}
  - {name: 2, value: 2, other: b}`,
  },
  {
    name: 'delete a map from a merged list',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 2}]
mergingList: [{name: 1, $patch: delete}]`,
    want: 'mergingList: [{name: 2, other: b}]',
  },
  {
    name: 'delete a map the live list no longer has',
    schema: 'item',
    original: 'mergingList: [{name: 3, other: a}]',
    patch: `
$setElementOrder/mergingList: [{name: 2}]
mergingList: [{name: 2}, {name: 1, $patch: delete}]`,
    want: 'mergingList: [{name: 2}, {name: 3, other: a}]',
  },
  {
    name: 'add a map and delete a map in one patch',
    schema: 'item',
    original: `
mergingList:
  - {name: 1}
  - {name: 2, other: b}
  - {name: 4, other: c}`,
    patch: `
$setElementOrder/mergingList: [{name: 2}, {name: 3}]
mergingList: [{name: 3}, {name: 1, $patch: delete}]`,
    want: `
mergingList:
  - {name: 2, other: b}
  - {name: 4, other: c}
  - {name: 3}`,
  },
  {
    // The apiserver's in-place list edits decide where the server-only 4 lands.
    name: 'add maps and delete a map, server-only item first',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 4, other: c}`,
    patch: `
$setElementOrder/mergingList: [{name: 2}, {name: 3}]
mergingList: [{name: 2}, {name: 3}, {name: 1, $patch: delete}]`,
    want: `
mergingList:
  - {name: 4, other: c}
  - {name: 2}
  - {name: 3}`,
  },
  {
    name: 'delete a field from a map in a merged list',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, value: 1, other: a}
  - {name: 2, value: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}]
mergingList: [{name: 1, value: null}]`,
    want: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}`,
  },
  {
    name: 'replace a non-merging list nested in a merged list',
    schema: 'item',
    original: `
mergingList:
  - name: 1
    other: a
    nonMergingList: [{name: 1}, {name: 2, value: 2}]
  - {name: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}]
mergingList:
  - name: 1
    nonMergingList: [{name: 1, value: 1}]`,
    want: `
mergingList:
  - name: 1
    other: a
    nonMergingList: [{name: 1, value: 1}]
  - {name: 2, other: b}`,
  },
  {
    name: 'merge a list nested in a merged list, with its own order',
    schema: 'item',
    original: `
mergingList:
  - name: 1
    other: a
    mergingList: [{name: 2, value: 2, other: d}]
  - {name: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}]
mergingList:
  - $setElementOrder/mergingList: [{name: 2}, {name: 1}]
    name: 1
    mergingList: [{name: 1, value: 1}]`,
    want: `
mergingList:
  - name: 1
    other: a
    mergingList: [{name: 2, value: 2, other: d}, {name: 1, value: 1}]
  - {name: 2, other: b}`,
  },
  {
    name: 'a merged list held by a pointer field',
    schema: 'item',
    original: `
mergeItemPtr:
  - {name: 1, other: a}
  - {name: 3}`,
    patch: `
$setElementOrder/mergeItemPtr: [{name: 1}, {name: 2}]
mergeItemPtr: [{name: 2}]`,
    want: 'mergeItemPtr: [{name: 1, other: a}, {name: 2}, {name: 3}]',
  },
  {
    name: 'merge lists of scalars',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 4]',
    patch: '{$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3]}',
    want: 'mergingIntList: [1, 2, 3, 4]',
  },
  {
    name: 'add a scalar in front, keeping a server-only item in place',
    schema: 'item',
    original: 'mergingIntList: [1, 4, 2]',
    patch: '{$setElementOrder/mergingIntList: [3, 1, 2], mergingIntList: [3]}',
    want: 'mergingIntList: [3, 1, 4, 2]',
  },
  {
    name: 'delete a scalar and reorder',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 3]',
    patch: '{$setElementOrder/mergingIntList: [2, 1], $deleteFromPrimitiveList/mergingIntList: [3]}',
    want: 'mergingIntList: [2, 1]',
  },
  {
    name: 'add several maps in the middle',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 4}, {name: 2}, {name: 3}]
mergingList: [{name: 4, value: 4}, {name: 3, value: 3}]`,
    want: `
mergingList:
  - {name: 1, other: a}
  - {name: 4, value: 4}
  - {name: 2, value: 2, other: b}
  - {name: 3, value: 3}`,
  },
  {
    name: 'delete a map and reorder',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}
  - {name: 3, value: 3}`,
    patch: `
$setElementOrder/mergingList: [{name: 2}, {name: 1}]
mergingList: [{name: 3, $patch: delete}]`,
    want: 'mergingList: [{name: 2, value: 2, other: b}, {name: 1, other: a}]',
  },
  {
    name: 'change a map and reorder',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}
  - {name: 3, value: 3}`,
    patch: `
$setElementOrder/mergingList: [{name: 2}, {name: 3}, {name: 1}]
mergingList: [{name: 3, value: x}]`,
    want: `
mergingList:
  - {name: 2, value: 2, other: b}
  - {name: 3, value: x}
  - {name: 1, other: a}`,
  },
  {
    name: 'add and delete maps and reorder',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 2, value: 2, other: b}
  - {name: 3, value: 3}`,
    patch: `
$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 1}]
mergingList: [{name: 4, value: 4}, {name: 3, $patch: delete}]`,
    want: `
mergingList:
  - {name: 4, value: 4}
  - {name: 2, value: 2, other: b}
  - {name: 1, other: a}`,
  },
  {
    name: 'reorder only',
    schema: 'item',
    original: `
mergingList:
  - {name: 1, other: a}
  - {name: 3, value: 3}
  - {name: 4, value: 4}
  - {name: 2, value: 2}`,
    patch: '$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]',
    want: `
mergingList:
  - {name: 4, value: 4}
  - {name: 2, value: 2}
  - {name: 3, value: 3}
  - {name: 1, other: a}`,
  },
  {
    name: 'reorder with a server-only item at the end',
    schema: 'item',
    original: 'mergingList: [{name: 1, other: a}, {name: 3}, {name: 4}, {name: 2}, {name: 9}]',
    patch: '$setElementOrder/mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1}]',
    want: 'mergingList: [{name: 4}, {name: 2}, {name: 3}, {name: 1, other: a}, {name: 9}]',
  },
  {
    name: 'reorder with a server-only item in the middle',
    schema: 'item',
    original: 'mergingList: [{name: 1, other: a}, {name: 2}, {name: 9}, {name: 3}, {name: 4}]',
    patch: '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]',
    want: 'mergingList: [{name: 2}, {name: 1, other: a}, {name: 9}, {name: 4}, {name: 3}]',
  },
  {
    name: 'reorder with a run of server-only items',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 2}, {name: 7}, {name: 9}, {name: 8}, {name: 3}, {name: 4}]',
    patch: '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}]',
    want: 'mergingList: [{name: 2}, {name: 1}, {name: 7}, {name: 9}, {name: 8}, {name: 4}, {name: 3}]',
  },
  {
    name: 'add scalars in the middle',
    schema: 'item',
    original: 'mergingIntList: [1, 2]',
    patch: '{$setElementOrder/mergingIntList: [1, 4, 2, 3], mergingIntList: [4, 3]}',
    want: 'mergingIntList: [1, 4, 2, 3]',
  },
  {
    name: 'add and delete scalars and reorder',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 3]',
    patch: '{$setElementOrder/mergingIntList: [4, 2, 1], mergingIntList: [4], $deleteFromPrimitiveList/mergingIntList: [3]}',
    want: 'mergingIntList: [4, 2, 1]',
  },
  {
    name: 'reorder scalars around server-only ones',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 7, 9, 8, 3, 4]',
    patch: '$setElementOrder/mergingIntList: [2, 1, 4, 3]',
    want: 'mergingIntList: [2, 1, 7, 9, 8, 4, 3]',
  },
  {
    name: 'reorder a list of maps with a duplicate key',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 2, value: dup1}, {name: 3}, {name: 2, value: dup2}, {name: 4}]',
    patch: '$setElementOrder/mergingList: [{name: 2}, {name: 1}, {name: 4}, {name: 3}, {name: 2}]',
    want: 'mergingList: [{name: 2, value: dup1}, {name: 2, value: dup2}, {name: 1}, {name: 4}, {name: 3}]',
  },
  {
    name: 'reorder a list of scalars with a duplicate',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 3, 2, 4]',
    patch: '$setElementOrder/mergingIntList: [2, 1, 4, 3, 2]',
    want: 'mergingIntList: [2, 2, 1, 4, 3]',
  },
  {
    name: 'overwrite fields, deleting one the patch nulls',
    schema: 'item',
    original: '{name: a, other: a}',
    patch: '{name: 1, value: 1, other: null}',
    want: '{name: 1, value: 1}',
  },
  {
    name: 'replace a wholesale-replaced field and merge a list beside it',
    schema: 'item',
    original: `
name: my-object
mergingList: [{name: 1}, {name: 3}]
replacingItem: {Some: Generic, Yaml: Inside, The: RawExtension, Field: Period}`,
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}]
mergingList: [{name: 2}]
replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}`,
    want: `
name: my-object
mergingList: [{name: 1}, {name: 2}, {name: 3}]
replacingItem: {Newly: Modified, Yaml: Inside, The: RawExtension}`,
  },
  {
    name: 'delete and reorder in one list, reorder in another',
    schema: 'item',
    original: `
mergingList: [{name: a, value: a}, {name: b, value: b}]
mergeItemPtr: [{name: c, value: c}, {name: d, value: d}]`,
    patch: `
$setElementOrder/mergingList: [{name: b}]
$setElementOrder/mergeItemPtr: [{name: d}, {name: c}]
mergingList: [{$patch: delete, name: a}]`,
    want: `
mergingList: [{name: b, value: b}]
mergeItemPtr: [{name: d, value: d}, {name: c, value: c}]`,
  },
];

// $retainKeys, as kubectl sends it for fields with the retainKeys strategy.
const retainKeys: Case[] = [
  {
    name: 'clear a defaulted field',
    schema: 'item',
    original: 'retainKeysMap: {value: foo}',
    patch: 'retainKeysMap: {$retainKeys: [other], other: bar}',
    want: 'retainKeysMap: {other: bar}',
  },
  {
    name: 'switch the member of a union',
    schema: 'item',
    original: 'retainKeysMap: {name: type1, value: foo}',
    patch: 'retainKeysMap: {$retainKeys: [name, other], name: type2, other: bar}',
    want: 'retainKeysMap: {name: type2, other: bar}',
  },
  {
    name: 'only clear',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, value: bar, other: a}',
    patch: 'retainKeysMap: {$retainKeys: [name, value]}',
    want: 'retainKeysMap: {name: foo, value: bar}',
  },
  {
    name: 'delete a field and clear another',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, value: bar, other: a}',
    patch: 'retainKeysMap: {$retainKeys: [name], value: null}',
    want: 'retainKeysMap: {name: foo}',
  },
  {
    name: 'merge a nested map beside the directive',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, value: bar, simpleMap: {key1: a, key2: b, key3: c}}',
    patch: 'retainKeysMap: {$retainKeys: [name, simpleMap, value], simpleMap: {key1: x, key2: null}}',
    want: 'retainKeysMap: {name: foo, value: bar, simpleMap: {key1: x, key3: c}}',
  },
  {
    name: 'keep a nested merged list while ordering it',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}',
    patch: 'retainKeysMap: {$retainKeys: [mergingIntList, name, value], $setElementOrder/mergingIntList: [1, 2], value: bar}',
    want: 'retainKeysMap: {name: foo, value: bar, mergingIntList: [1, 2, 3]}',
  },
  {
    name: 'add to a nested merged list of scalars',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3]}',
    patch: 'retainKeysMap: {$setElementOrder/mergingIntList: [1, 2, 4], $retainKeys: [mergingIntList, name], mergingIntList: [4]}',
    want: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 4, 3]}',
  },
  {
    name: 'add to and delete from a nested merged list of scalars',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, mergingIntList: [1, 2, 3, 4]}',
    patch: `
retainKeysMap:
  $retainKeys: [mergingIntList, name]
  mergingIntList: [5]
  $deleteFromPrimitiveList/mergingIntList: [2]
  $setElementOrder/mergingIntList: [1, 3, 5]`,
    want: 'retainKeysMap: {name: foo, mergingIntList: [1, 3, 5, 4]}',
  },
  {
    name: 'delete from a nested merged list of maps',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: b}, {name: x}]}',
    patch: `
retainKeysMap:
  $retainKeys: [mergingList, name]
  $setElementOrder/mergingList: [{name: a}]
  mergingList: [{name: b, $patch: delete}]`,
    want: 'retainKeysMap: {name: foo, mergingList: [{name: a}, {name: x}]}',
  },
  {
    name: 'drop a nested list',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, nonMergingList: [{name: a}, {name: b}, {name: c}]}',
    patch: 'retainKeysMap: {$retainKeys: [name, value], value: bar, nonMergingList: null}',
    want: 'retainKeysMap: {name: foo, value: bar}',
  },
  {
    name: 'clear a field of an item of a merged list',
    schema: 'item',
    original: 'retainKeysMergingList: [{name: bar}, {name: foo, value: a, other: x}]',
    patch: `
$setElementOrder/retainKeysMergingList: [{name: bar}, {name: foo}]
retainKeysMergingList: [{$retainKeys: [name, value], name: foo, value: new}]`,
    want: 'retainKeysMergingList: [{name: bar}, {name: foo, value: new}]',
  },
  {
    name: 'without the directive a retainKeys field merges as usual',
    schema: 'item',
    original: 'retainKeysMap: {name: foo, value: a}',
    patch: 'retainKeysMap: {value: null, other: b}',
    want: 'retainKeysMap: {name: foo, other: b}',
  },
];

// Patches written by hand or by older clients (`kubectl patch`), and the apiserver's
// handling of values it adds without merging.
const direct: Case[] = [
  {
    name: 'a merged list of scalars is a set',
    schema: 'item',
    original: 'mergingIntList: [1, 2]',
    patch: 'mergingIntList: [2, 3]',
    want: 'mergingIntList: [1, 2, 3]',
  },
  {
    name: '$patch: delete empties a map',
    schema: 'item',
    original: 'simpleMap: {key1: 1, key2: 1}',
    patch: 'simpleMap: {$patch: delete}',
    want: 'simpleMap: {}',
  },
  {
    name: '$patch: replace alone empties a merged list',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 2}]',
    patch: 'mergingList: [{$patch: replace}]',
    want: 'mergingList: []',
  },
  {
    name: '$patch: replace makes the other entries the list',
    schema: 'item',
    original: 'mergingList: [{name: 1, value: a}, {name: 2}]',
    patch: 'mergingList: [{name: 3}, {$patch: replace}, {name: 1}]',
    want: 'mergingList: [{name: 3}, {name: 1}]',
  },
  {
    name: 'an empty list merged into an empty list',
    schema: 'item',
    original: 'mergingList: []',
    patch: 'mergingList: []',
    want: 'mergingList: []',
  },
  {
    name: '$patch: replace on the whole object',
    schema: 'item',
    original: '{name: 1, value: 1}',
    patch: '{$patch: replace}',
    want: '{}',
  },
  {
    name: '$patch: replace keeps the rest of the patch',
    schema: 'item',
    original: '{name: 1, value: 1}',
    patch: '{other: a, $patch: replace}',
    want: '{other: a}',
  },
  {
    name: '$patch: delete on the whole object',
    schema: 'item',
    original: '{name: 1, value: 1}',
    patch: '{$patch: delete, name: 2}',
    want: '{}',
  },
  {
    name: 'a delete entry removes every entry with its key',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 1}, {name: 2, value: a}, {name: 3}, {name: 3}]',
    patch: 'mergingList: [{name: 1, $patch: delete}, {name: 3, $patch: delete}]',
    want: 'mergingList: [{name: 2, value: a}]',
  },
  {
    name: 'without $setElementOrder the patch order wins',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
    patch: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, other: x}]',
    want: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}, {name: 2, value: b, other: x}]',
  },
  {
    name: 'items the patch does not name keep their place',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 2, value: b}, {name: 3}]',
    patch: 'mergingList: [{name: 3, value: c}, {name: 1, value: a}]',
    want: 'mergingList: [{name: 2, value: b}, {name: 3, value: c}, {name: 1, value: a}]',
  },
  {
    name: 'scalars take the patch order',
    schema: 'item',
    original: 'mergingIntList: [1, 2, 3]',
    patch: 'mergingIntList: [3, 1]',
    want: 'mergingIntList: [2, 3, 1]',
  },
  {
    name: '$setElementOrder may name items no list has',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 3}]',
    patch: `
$setElementOrder/mergingList: [{name: 3}, {name: 2}, {name: 1}]
mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]`,
    want: 'mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]',
  },
  {
    name: '$setElementOrder alone reorders scalars',
    schema: 'item',
    original: 'mergingIntList: [1, 3]',
    patch: '$setElementOrder/mergingIntList: [3, 2, 1]',
    want: 'mergingIntList: [3, 1]',
  },
  {
    name: '$setElementOrder for a list neither side has',
    schema: 'item',
    original: 'name: a',
    patch: '$setElementOrder/mergingList: [{name: 1}]',
    want: 'name: a',
  },
  {
    name: '$setElementOrder with a list the object did not have',
    schema: 'item',
    original: 'name: a',
    patch: '{$setElementOrder/mergingList: [{name: 2}, {name: 1}], mergingList: [{name: 1}]}',
    want: '{name: a, mergingList: [{name: 1}]}',
  },
  {
    name: 'deleting a missing scalar changes nothing',
    schema: 'item',
    original: 'mergingIntList: [1, 2]',
    patch: '$deleteFromPrimitiveList/mergingIntList: [3]',
    want: 'mergingIntList: [1, 2]',
  },
  {
    name: 'deleting from a null list leaves it null',
    schema: 'item',
    original: 'mergingIntList: null',
    patch: '$deleteFromPrimitiveList/mergingIntList: [3]',
    want: 'mergingIntList: null',
  },
  {
    name: 'deleting from a missing list does not add it',
    schema: 'item',
    original: 'foo: [bar]',
    patch: '$deleteFromPrimitiveList/mergingIntList: [3]',
    want: 'foo: [bar]',
  },
  {
    name: 'a non-merging list is replaced',
    schema: 'item',
    original: 'nonMergingIntList: [1, 2]',
    patch: 'nonMergingIntList: [2, 3]',
    want: 'nonMergingIntList: [2, 3]',
  },
  {
    name: 'null deletes, and is ignored where nothing is',
    schema: 'item',
    original: '{name: a, value: b}',
    patch: '{value: null, other: null}',
    want: '{name: a}',
  },
  {
    name: 'a new map loses its null members',
    schema: 'item',
    original: 'name: foo',
    patch: 'complex: {key: {keynotnull: value, keynull: null}}',
    want: '{name: foo, complex: {key: {keynotnull: value}}}',
  },
  {
    name: 'a new map that is all nulls stays, empty',
    schema: 'item',
    original: '{}',
    patch: 'complex: {nested: null}',
    want: 'complex: {}',
  },
  {
    name: 'nulls go from maps inside a new list, not from the list',
    schema: 'item',
    original: '{}',
    patch: '{a: [{inner: {one: foo, two: null}}], b: [key1, null, key2]}',
    want: '{a: [{inner: {one: foo}}], b: [key1, null, key2]}',
  },
  {
    name: 'a value of another type replaces, minus its null members',
    schema: 'item',
    original: 'name: [1]',
    patch: 'name: {a: 1, b: null}',
    want: 'name: {a: 1}',
  },
  {
    // Without $setElementOrder a new entry goes before the object's entries.
    name: 'a new entry of a merged list is taken as it is, and goes first',
    schema: 'item',
    original: 'mergingList: [{name: 1}]',
    patch: 'mergingList: [{name: 2, value: null}]',
    want: 'mergingList: [{name: 2, value: null}, {name: 1}]',
  },
  {
    name: 'null members of the object stay',
    schema: 'item',
    original: '{complex: {key: null}, thing: null}',
    patch: 'nested: {value: 5}',
    want: '{complex: {key: null}, thing: null, nested: {value: 5}}',
  },
  {
    name: 'an empty patch changes nothing',
    schema: 'item',
    original: '{name: 1, mergingList: [{name: 2}]}',
    patch: '{}',
    want: '{name: 1, mergingList: [{name: 2}]}',
  },
];

// Built-in kinds, with the patches kubectl sends.
const POD = `
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels: {app: web, tier: front}
  finalizers: [a.example.com/x, b.example.com/y]
spec:
  containers:
    - name: web
      image: nginx:1.25
      args: [--a, --b]
      env:
        - {name: A, value: '1'}
        - {name: B, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
      ports:
        - {containerPort: 80, protocol: TCP}
        - {containerPort: 8080, protocol: TCP, name: admin}
      volumeMounts:
        - {name: data, mountPath: /data}
        - {name: cache, mountPath: /cache}
      resources: {limits: {cpu: '1', memory: 1Gi}}
    - name: sidecar
      image: busybox
  imagePullSecrets: [{name: regcred}]
  tolerations:
    - {key: a, operator: Exists}
    - {key: b, operator: Exists, effect: NoSchedule}
  volumes:
    - {name: data, emptyDir: {}}
    - {name: cache, emptyDir: {medium: Memory}}
  securityContext: {runAsUser: 1000}
  nodeSelector: {disk: ssd}
`;

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, annotations: {kubectl.kubernetes.io/last-applied-configuration: old}}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  strategy:
    type: RollingUpdate
    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - {name: web, image: nginx:1.25, env: [{name: A, value: '1'}]}
`;

const kinds: Case[] = [
  {
    name: 'apply: change a container image',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: `
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: web}]
      containers: [{name: web, image: 'nginx:1.26'}]`,
    want: DEPLOYMENT.replace('nginx:1.25', 'nginx:1.26'),
  },
  {
    name: 'apply: add an env var and the last-applied annotation',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: `
metadata: {annotations: {kubectl.kubernetes.io/last-applied-configuration: new}}
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: web}]
      containers:
        - $setElementOrder/env: [{name: A}, {name: B}]
          name: web
          env: [{name: B, value: '2'}]`,
    want: DEPLOYMENT.replace('last-applied-configuration: old', 'last-applied-configuration: new').replace(
      "env: [{name: A, value: '1'}]",
      "env: [{name: A, value: '1'}, {name: B, value: '2'}]",
    ),
  },
  {
    name: 'apply: remove a field (replicas) and a label',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {replicas: null, template: {metadata: {labels: {app: null}}}}}',
    want: DEPLOYMENT.replace('  replicas: 2\n', '').replace('metadata: {labels: {app: web}}', 'metadata: {labels: {}}'),
  },
  {
    name: 'apply: switch the strategy to Recreate drops rollingUpdate ($retainKeys)',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {strategy: {$retainKeys: [type], type: Recreate}}}',
    want: DEPLOYMENT.replace('type: RollingUpdate\n    rollingUpdate: {maxSurge: 25%, maxUnavailable: 25%}', 'type: Recreate'),
  },
  {
    name: 'apply: change one rollingUpdate field, keeping the rest',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {strategy: {$retainKeys: [rollingUpdate, type], rollingUpdate: {maxSurge: 1}}}}',
    want: DEPLOYMENT.replace('maxSurge: 25%', 'maxSurge: 1'),
  },
  {
    name: 'set image',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {template: {spec: {containers: [{name: web, image: "nginx:2"}]}}}}',
    want: DEPLOYMENT.replace('nginx:1.25', 'nginx:2'),
  },
  {
    name: 'rollout restart',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {template: {metadata: {annotations: {kubectl.kubernetes.io/restartedAt: "2024-05-01T10:00:00Z"}}}}}',
    want: DEPLOYMENT.replace(
      'metadata: {labels: {app: web}}',
      "metadata: {labels: {app: web}, annotations: {kubectl.kubernetes.io/restartedAt: '2024-05-01T10:00:00Z'}}",
    ),
  },
  {
    name: 'rollout pause',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {paused: true}}',
    want: DEPLOYMENT.replace('  replicas: 2\n', '  replicas: 2\n  paused: true\n'),
  },
  {
    name: 'apply: add a sidecar container at the end',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: `
spec:
  template:
    spec:
      $setElementOrder/containers: [{name: web}, {name: log}]
      containers: [{name: log, image: busybox}]`,
    want: DEPLOYMENT.replace("env: [{name: A, value: '1'}]}", "env: [{name: A, value: '1'}]}\n        - {name: log, image: busybox}"),
  },
];

/** The pod above with edits made through its parsed form. */
function pod(edit: (p: any) => void): string {
  const p = y(POD) as any;
  edit(p);
  return JSON.stringify(p);
}

const pods: Case[] = [
  {
    name: 'apply: remove a container',
    schema: 'pod',
    original: POD,
    patch: '{spec: {$setElementOrder/containers: [{name: web}], containers: [{name: sidecar, $patch: delete}]}}',
    want: pod((p) => p.spec.containers.pop()),
  },
  {
    name: 'apply: reorder containers',
    schema: 'pod',
    original: POD,
    patch: '{spec: {$setElementOrder/containers: [{name: sidecar}, {name: web}]}}',
    want: pod((p) => p.spec.containers.reverse()),
  },
  {
    name: 'apply: rename a container (delete one, add one)',
    schema: 'pod',
    original: POD,
    patch: `
spec:
  $setElementOrder/containers: [{name: web}, {name: proxy}]
  containers: [{name: proxy, image: envoy}, {name: sidecar, $patch: delete}]`,
    want: pod((p) => (p.spec.containers[1] = { name: 'proxy', image: 'envoy' })),
  },
  {
    name: 'env: change a value, remove valueFrom of another',
    schema: 'pod',
    original: POD,
    patch: `
spec:
  containers:
    - name: web
      env: [{name: A, value: '2'}, {name: B, value: x, valueFrom: null}]`,
    want: pod((p) => (p.spec.containers[0].env = [{ name: 'A', value: '2' }, { name: 'B', value: 'x' }])),
  },
  {
    name: 'env: delete an entry and reorder',
    schema: 'pod',
    original: POD,
    patch: `
spec:
  containers:
    - name: web
      $setElementOrder/env: [{name: C}, {name: A}]
      env: [{name: C, value: '3'}, {name: B, $patch: delete}]`,
    want: pod((p) => (p.spec.containers[0].env = [{ name: 'C', value: '3' }, { name: 'A', value: '1' }])),
  },
  {
    name: 'ports merge by containerPort',
    schema: 'pod',
    original: POD,
    patch: `
spec:
  containers:
    - name: web
      ports: [{containerPort: 8080, $patch: delete}, {containerPort: 443, name: https}, {containerPort: 80, name: http}]`,
    want: pod(
      (p) =>
        (p.spec.containers[0].ports = [
          { containerPort: 443, name: 'https' },
          { containerPort: 80, protocol: 'TCP', name: 'http' },
        ]),
    ),
  },
  {
    name: 'volumeMounts merge by mountPath',
    schema: 'pod',
    original: POD,
    patch: `
spec:
  containers:
    - name: web
      volumeMounts: [{mountPath: /cache, readOnly: true}, {mountPath: /tmp, name: tmp}]`,
    want: pod(
      (p) =>
        (p.spec.containers[0].volumeMounts = [
          { name: 'data', mountPath: '/data' },
          { name: 'cache', mountPath: '/cache', readOnly: true },
          { mountPath: '/tmp', name: 'tmp' },
        ]),
    ),
  },
  {
    name: 'args are replaced (atomic list)',
    schema: 'pod',
    original: POD,
    patch: '{spec: {containers: [{name: web, args: [--c]}]}}',
    want: pod((p) => (p.spec.containers[0].args = ['--c'])),
  },
  {
    name: 'tolerations have no merge key: the list is replaced',
    schema: 'pod',
    original: POD,
    patch: '{spec: {tolerations: [{key: c, operator: Exists}]}}',
    want: pod((p) => (p.spec.tolerations = [{ key: 'c', operator: 'Exists' }])),
  },
  {
    name: 'imagePullSecrets merge by name (a new one goes first)',
    schema: 'pod',
    original: POD,
    patch: '{spec: {imagePullSecrets: [{name: other}]}}',
    want: pod((p) => p.spec.imagePullSecrets.unshift({ name: 'other' })),
  },
  {
    name: 'apply: switch a volume source ($retainKeys on a list entry)',
    schema: 'pod',
    original: POD,
    patch: `
spec:
  $setElementOrder/volumes: [{name: data}, {name: cache}]
  volumes: [{$retainKeys: [configMap, name], name: data, configMap: {name: cfg}}]`,
    want: pod((p) => (p.spec.volumes[0] = { name: 'data', configMap: { name: 'cfg' } })),
  },
  {
    name: 'resources: quantity maps merge, null removes',
    schema: 'pod',
    original: POD,
    patch: "{spec: {containers: [{name: web, resources: {limits: {cpu: null, memory: 2Gi}, requests: {cpu: '100m'}}}]}}",
    want: pod((p) => (p.spec.containers[0].resources = { limits: { memory: '2Gi' }, requests: { cpu: '100m' } })),
  },
  {
    name: 'nodeSelector merges key by key (map type is not consulted)',
    schema: 'pod',
    original: POD,
    patch: '{spec: {nodeSelector: {zone: a}}}',
    want: pod((p) => (p.spec.nodeSelector = { disk: 'ssd', zone: 'a' })),
  },
  {
    name: '$patch: replace on a map',
    schema: 'pod',
    original: POD,
    patch: '{metadata: {labels: {$patch: replace, app: other}}}',
    want: pod((p) => (p.metadata.labels = { app: 'other' })),
  },
  {
    name: '$patch: delete on a map',
    schema: 'pod',
    original: POD,
    patch: '{spec: {securityContext: {$patch: delete}}}',
    want: pod((p) => (p.spec.securityContext = {})),
  },
  {
    name: '$patch: replace on the containers list',
    schema: 'pod',
    original: POD,
    patch: '{spec: {containers: [{$patch: replace}, {name: only, image: x}]}}',
    want: pod((p) => (p.spec.containers = [{ name: 'only', image: 'x' }])),
  },
  {
    name: 'finalizers: add one, delete one, set the order',
    schema: 'pod',
    original: POD,
    patch: `
metadata:
  $setElementOrder/finalizers: [c.example.com/z, a.example.com/x]
  $deleteFromPrimitiveList/finalizers: [b.example.com/y]
  finalizers: [c.example.com/z]`,
    want: pod((p) => (p.metadata.finalizers = ['c.example.com/z', 'a.example.com/x'])),
  },
  {
    name: 'finalizers: a plain add is a set union',
    schema: 'pod',
    original: POD,
    patch: '{metadata: {finalizers: [b.example.com/y, c.example.com/z]}}',
    want: pod((p) => (p.metadata.finalizers = ['a.example.com/x', 'b.example.com/y', 'c.example.com/z'])),
  },
  {
    name: 'label add and remove',
    schema: 'pod',
    original: POD,
    patch: '{metadata: {labels: {tier: null, env: prod}}}',
    want: pod((p) => (p.metadata.labels = { app: 'web', env: 'prod' })),
  },
  {
    name: '$deleteFromPrimitiveList works on an atomic list too',
    schema: 'pod',
    original: POD,
    patch: '{spec: {containers: [{name: web, $deleteFromPrimitiveList/args: [--a]}]}}',
    want: pod((p) => (p.spec.containers[0].args = ['--b'])),
  },
  {
    name: 'a new container keeps directives it carries (nothing merges into it)',
    schema: 'pod',
    original: POD,
    patch: '{spec: {containers: [{name: new, env: [{name: X, $patch: delete}]}]}}',
    want: pod((p) => p.spec.containers.unshift({ name: 'new', env: [{ name: 'X', $patch: 'delete' }] })),
  },
];

const SERVICE = `
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports:
    - {name: http, port: 80, targetPort: 8080, protocol: TCP}
`;

const more: Case[] = [
  {
    name: 'service ports merge by port',
    schema: 'service',
    original: SERVICE,
    patch: '{spec: {$setElementOrder/ports: [{port: 80}, {port: 443}], ports: [{name: https, port: 443, targetPort: 8443}]}}',
    want: SERVICE.replace('protocol: TCP}', 'protocol: TCP}\n    - {name: https, port: 443, targetPort: 8443}'),
  },
  {
    name: 'configmap data merges key by key',
    schema: 'configmap',
    original: '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {a: "1", b: "2"}}',
    patch: '{data: {a: null, c: "3"}}',
    want: '{apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {b: "2", c: "3"}}',
  },
  {
    name: 'a RawExtension field merges at its top level',
    schema: 'revision',
    original: '{metadata: {name: r}, data: {spec: {a: 1}, x: 1}, revision: 1}',
    patch: '{data: {x: 2, y: [1]}, revision: 2}',
    want: '{metadata: {name: r}, data: {spec: {a: 1}, x: 2, y: [1]}, revision: 2}',
  },
  {
    name: 'without a schema maps merge and lists are replaced',
    schema: 'none',
    original: '{spec: {items: [{name: a}, {name: b}], config: {a: 1, b: {c: 2}}}}',
    patch: '{spec: {items: [{name: c}], config: {b: {d: 3}, a: null}}}',
    want: '{spec: {items: [{name: c}], config: {b: {c: 2, d: 3}}}}',
  },
  {
    name: 'without a schema directives still apply',
    schema: 'none',
    original: '{spec: {config: {a: 1}, keep: 1, drop: 2}}',
    patch: '{spec: {$retainKeys: [config, keep], config: {$patch: replace, b: 2}}}',
    want: '{spec: {config: {b: 2}, keep: 1}}',
  },
];

for (const [table, cases] of [
  ['three-way', threeWay],
  ['retainKeys', retainKeys],
  ['direct', direct],
  ['kubectl', kinds],
  ['pod', pods],
  ['kinds', more],
] as const) {
  for (const c of cases) test(`strategic merge patch (${table}): ${c.name}`, () => check(c));
}

interface ErrorCase {
  name: string;
  schema: SchemaName;
  original: string;
  patch: string;
  code: number;
  /** Omitted: the Status has no reason. */
  reason?: string;
  message: string;
  /** The patch library's text when the message is generic. */
  detail?: string;
}

const errors: ErrorCase[] = [
  {
    name: 'a patch entry without the merge key',
    schema: 'pod',
    original: POD,
    patch: '{spec: {containers: [{image: x}]}}',
    code: 500,
    message: 'map: map[image:x] does not contain declared merge key: name',
  },
  {
    name: 'a delete entry without the merge key',
    schema: 'item',
    original: 'mergingList: [{name: 1, value: a}]',
    patch: 'mergingList: [{$patch: delete, value: b}]',
    code: 500,
    message: 'map: map[$patch:delete value:b] does not contain declared merge key: name',
  },
  {
    name: 'an unknown $patch on a map',
    schema: 'pod',
    original: POD,
    patch: '{metadata: {labels: {$patch: bogus, a: b}}}',
    code: 500,
    message: 'unknown patch type: bogus in map: map[$patch:bogus a:b]',
  },
  {
    name: '$patch: merge on a map is not accepted',
    schema: 'pod',
    original: POD,
    patch: '{spec: {securityContext: {$patch: merge, runAsGroup: 1}}}',
    code: 500,
    message: 'unknown patch type: merge in map: map[$patch:merge runAsGroup:1]',
  },
  {
    name: 'a $patch that is not a string',
    schema: 'item',
    original: 'simpleMap: {a: b}',
    patch: 'simpleMap: {$patch: 5}',
    code: 500,
    message: 'unknown patch type: %!s(int64=5) in map: map[$patch:5]',
  },
  {
    name: '$patch: merge in a list',
    schema: 'pod',
    original: POD,
    patch: '{spec: {containers: [{name: web, $patch: merge}]}}',
    code: 500,
    message: 'merging lists cannot yet be specified in the patch',
  },
  {
    name: 'an unknown $patch in a list',
    schema: 'pod',
    original: POD,
    patch: '{spec: {containers: [{name: web, $patch: drop}]}}',
    code: 500,
    message: 'unknown patch type: drop in map: map[$patch:drop name:web]',
  },
  {
    name: 'a $deleteFromPrimitiveList key without a field',
    schema: 'pod',
    original: POD,
    patch: '{metadata: {$deleteFromPrimitiveList: [a]}}',
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of primitive list',
  },
  {
    name: 'a $setElementOrder key with another prefix',
    schema: 'pod',
    original: POD,
    patch: '{metadata: {$setElementOrderX/finalizers: [a]}}',
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of setElementOrder list',
  },
  {
    name: '$retainKeys that is not a list',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {strategy: {$retainKeys: type, type: Recreate}}}',
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of retainKeys',
  },
  {
    name: 'a patch field $retainKeys does not list',
    schema: 'deployment',
    original: DEPLOYMENT,
    patch: '{spec: {strategy: {$retainKeys: [type], type: Recreate, rollingUpdate: {maxSurge: 1}}}}',
    code: 400,
    reason: 'BadRequest',
    message: 'invalid patch format of retainKeys',
  },
  {
    name: '$setElementOrder that is not a list',
    schema: 'pod',
    original: POD,
    patch: '{spec: {$setElementOrder/containers: web}}',
    code: 500,
    message: 'expected a []interface {}, but received a string',
  },
  {
    name: '$setElementOrder for a field that is not a list',
    schema: 'pod',
    original: POD,
    patch: '{spec: {$setElementOrder/nodeSelector: [a]}}',
    code: 500,
    message: 'expected a []interface {}, but received a map[string]interface {}',
  },
  {
    name: '$setElementOrder for an unknown field',
    schema: 'pod',
    original: POD,
    patch: '{spec: {$setElementOrder/sidecars: [{name: a}]}}',
    code: 500,
    message: 'unable to find api field in struct PodSpec for the json field "sidecars"',
  },
  {
    name: '$setElementOrder disagreeing with the patch list',
    schema: 'item',
    original: 'mergingList: [{name: 1}, {name: 3}, {name: 2}]',
    patch: `
$setElementOrder/mergingList: [{name: 1}, {name: 2}, {name: 3}]
mergingList: [{name: 3, value: 3}, {name: 1, value: 1}]`,
    code: 500,
    message:
      "The order in patch list:\n[map[name:3 value:3] map[name:1 value:1]]\n doesn't match $setElementOrder list:\n[map[name:1] map[name:2] map[name:3]]\n",
  },
  {
    name: '$setElementOrder disagreeing with a scalar patch list',
    schema: 'item',
    original: 'mergingIntList: [1, 3, 2]',
    patch: '{$setElementOrder/mergingIntList: [1, 2, 3], mergingIntList: [3, 1]}',
    code: 500,
    message: "The order in patch list:\n[3 1]\n doesn't match $setElementOrder list:\n[1 2 3]\n",
  },
  {
    name: 'a list of lists',
    schema: 'pod',
    original: '{metadata: {finalizers: []}}',
    patch: '{metadata: {finalizers: [[x]]}}',
    code: 422,
    reason: 'Invalid',
    message: 'the server rejected our request due to an error in our request',
    detail: 'lists of lists are not supported',
  },
  {
    name: 'list items of different types',
    schema: 'pod',
    original: '{metadata: {finalizers: [a]}}',
    patch: '{metadata: {finalizers: [1]}}',
    code: 500,
    message: 'list element types are not identical: [[a] [1]]',
  },
  {
    name: 'a map inside a RawExtension',
    schema: 'revision',
    original: '{data: {spec: {a: 1}}}',
    patch: '{data: {spec: {b: 2}}}',
    code: 500,
    message: 'unable to find api field in struct RawExtension for the json field "spec"',
  },
  {
    name: 'a list inside a RawExtension',
    schema: 'revision',
    original: '{data: {items: [1]}}',
    patch: '{data: {items: [2]}}',
    code: 500,
    message: 'unable to find api field in struct RawExtension for the json field "items"',
  },
  {
    name: 'an unknown field on both sides',
    schema: 'pod',
    original: '{spec: {extra: {a: 1}}}',
    patch: '{spec: {extra: {b: 1}}}',
    code: 500,
    message: 'unable to find api field in struct PodSpec for the json field "extra"',
  },
  {
    name: 'a map nested in a string map',
    schema: 'configmap',
    original: '{data: {a: {x: 1}}}',
    patch: '{data: {a: {y: 1}}}',
    code: 500,
    message: 'merging an object in json but data type is not struct, instead is: map',
  },
];

function checkError(e: unknown, c: ErrorCase): boolean {
  assert.ok(e instanceof StrategicMergePatchError, `a StrategicMergePatchError, got ${String(e)}`);
  assert.equal(e.code, c.code);
  assert.equal(e.message, c.message);
  assert.equal(e.detail, c.detail ?? c.message);
  const status = e.toStatus();
  assert.equal(status.code, c.code);
  assert.equal(status.reason, c.reason);
  assert.equal(status.message, c.message);
  if (c.code === 422) assert.deepEqual(status.details, {});
  else assert.equal(status.details, undefined);
  return true;
}

for (const c of errors) {
  test(`strategic merge patch fails: ${c.name}`, () => {
    assert.throws(() => applyStrategicMergePatch(y(c.original), y(c.patch), SCHEMAS[c.schema]), (e) => checkError(e, c));
  });
}

test('a Go runtime panic becomes the apiserver\'s plain-text 500', () => {
  for (const patch of ['{metadata: {finalizers: [null, a]}}', '{metadata: {$retainKeys: [{a: 1}]}}']) {
    assert.throws(
      () => applyStrategicMergePatch(y('{metadata: {finalizers: []}}'), y(patch), SCHEMAS.pod),
      (e: unknown) => {
        assert.ok(e instanceof StrategicMergePatchPanic);
        assert.equal(e.code, 500);
        assert.equal(e.plainText, 'This request caused apiserver to panic. Look in the logs for details.\n');
        assert.match(e.detail, /^runtime error: /);
        return true;
      },
    );
  }
});

test('unknown fields can merge instead of failing', () => {
  const got = applyStrategicMergePatch(y('{data: {spec: {a: 1, l: [1]}}}'), y('{data: {spec: {b: 2, l: [2]}}}'), SCHEMAS.revision, {
    unknownFields: 'merge',
  });
  assert.deepEqual(got, y('{data: {spec: {a: 1, b: 2, l: [2]}}}'));
});

test('maps of objects fail as in Kubernetes (CRD schema properties)', () => {
  const props = SchemaNode.forDefinition('io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaProps');
  assert.throws(
    () => applyStrategicMergePatch(y('{properties: {a: {type: string}}}'), y('{properties: {a: {description: x}}}'), props),
    { code: 500, message: 'merging an object in json but data type is not struct, instead is: map' },
  );
  // A new entry needs no lookup.
  assert.deepEqual(
    applyStrategicMergePatch(y('{properties: {a: {type: string}}}'), y('{properties: {b: {type: integer}}}'), props),
    y('{properties: {a: {type: string}, b: {type: integer}}}'),
  );
});

const bodies: { body: string; message: string }[] = [
  { body: '[]', message: 'json: cannot unmarshal array into Go value of type map[string]interface {}' },
  { body: '"x"', message: 'json: cannot unmarshal string into Go value of type map[string]interface {}' },
  { body: '1', message: 'json: cannot unmarshal number into Go value of type map[string]interface {}' },
  { body: 'true', message: 'json: cannot unmarshal bool into Go value of type map[string]interface {}' },
  { body: '', message: 'unexpected end of JSON input' },
  { body: '{"a":', message: 'unexpected end of JSON input' },
  { body: 'x', message: "invalid character 'x' looking for beginning of value" },
  { body: '{"a":1}}', message: "invalid character '}' after top-level value" },
];

for (const c of bodies) {
  test(`strategic merge patch body ${JSON.stringify(c.body)} is a 400`, () => {
    assert.throws(
      () => applyStrategicMergePatchText({ a: 1 }, c.body, SCHEMAS.pod),
      (e: unknown) => e instanceof PatchDecodeError && e.code === 400 && e.reason === 'BadRequest' && e.message === c.message,
    );
  });
}

test('patch bodies: null is an empty patch, bytes are accepted', () => {
  assert.deepEqual(applyStrategicMergePatchText({ a: 1 }, 'null', SCHEMAS.pod), { a: 1 });
  assert.deepEqual(
    applyStrategicMergePatchText(y(POD), Buffer.from('{"metadata":{"labels":{"tier":null}}}'), SCHEMAS.pod),
    y(pod((p) => delete p.metadata.labels.tier)),
  );
});

test('the result shares nothing with the inputs', () => {
  const original = y(POD);
  const patch = y('{spec: {containers: [{name: new, env: [{name: X, value: y}]}], volumes: [{name: v, emptyDir: {}}]}}');
  const got = applyStrategicMergePatch(original, patch, SCHEMAS.pod) as any;
  const snapshot = JSON.stringify([original, patch]);
  got.spec.containers[0].env[0].value = 'changed';
  got.spec.containers[1].env[0].value = 'changed';
  got.spec.volumes[0].emptyDir.medium = 'Memory';
  got.spec.volumes[2].emptyDir.medium = 'Disk';
  got.metadata.labels.app = 'changed';
  assert.equal(JSON.stringify([original, patch]), snapshot);
});

test('in place, the patch is left as the apiserver leaves it for its messages', () => {
  const patch = y(`
metadata: {labels: {app: null}}
spec:
  $setElementOrder/containers: [{name: web}, {name: sidecar}]
  containers: [{name: web, image: x}]
  newField: {x: null, y: 1}`);
  const result = applyStrategicMergePatchInPlace(y(POD), patch, SCHEMAS.pod) as any;
  assert.equal(result.spec.containers[0].image, 'x');
  assert.equal(goFormatV(patch), 'map[metadata:map[labels:map[app:<nil>]] spec:map[newField:map[y:1]]]');
});

test('__proto__ is an ordinary key', () => {
  const original = JSON.parse('{"metadata":{"labels":{"__proto__":"a"}}}') as Json;
  const patch = JSON.parse('{"metadata":{"labels":{"__proto__":"b","x":"y"}},"__proto__":{"polluted":true}}') as Json;
  const got = applyStrategicMergePatch(original, patch, SCHEMAS.none) as any;
  assert.equal(Object.getPrototypeOf(got), Object.prototype);
  assert.equal(({} as any).polluted, undefined);
  assert.equal(JSON.stringify(got), '{"metadata":{"labels":{"__proto__":"b","x":"y"}},"__proto__":{"polluted":true}}');
});

test('long lists order as Go\'s stable sort orders them', () => {
  // More than 20 items takes the sort past its insertion-sort blocks.
  const names = Array.from({ length: 45 }, (_, i) => i);
  const original = { mergingList: names.map((n) => ({ name: n })) } as Json;
  const order = [...names].reverse().map((n) => ({ name: n }));
  const got = applyStrategicMergePatch(original, { '$setElementOrder/mergingList': order } as Json, SCHEMAS.item);
  assert.deepEqual(got, { mergingList: order });
  const ints = applyStrategicMergePatch({ mergingIntList: names } as Json, { mergingIntList: [...names].reverse() } as Json, SCHEMAS.item);
  assert.deepEqual(ints, { mergingIntList: [...names].reverse() });
});

test('patch metadata lookup', () => {
  const pod = patchMetaLookup(SCHEMAS.pod);
  const spec = pod.forStruct('spec');
  const containers = spec.schema.forSlice('containers');
  assert.deepEqual(containers.meta, { strategies: ['merge'], mergeKey: 'name' });
  assert.equal(containers.schema.kind, 'struct');
  assert.deepEqual(containers.schema.forSlice('ports').meta, { strategies: ['merge'], mergeKey: 'containerPort' });
  const volumes = spec.schema.forSlice('volumes').meta;
  assert.deepEqual(splitPatchStrategy(volumes), { retainKeys: true, strategy: 'merge' });
  assert.deepEqual(splitPatchStrategy(spec.schema.forSlice('tolerations').meta), { retainKeys: false, strategy: '' });
  assert.equal(spec.schema.forStruct('nodeSelector').schema.kind, 'map');
  // JSON keys match field names case-insensitively when no name matches exactly.
  assert.deepEqual(spec.schema.forSlice('Containers').meta, containers.meta);
  assert.throws(() => splitPatchStrategy({ strategies: ['merge', 'replace'], mergeKey: '' }), {
    message: 'unexpected patch strategy: [merge replace]',
  });
  const none = patchMetaLookup(undefined);
  assert.deepEqual(none.forStruct('anything').meta, { strategies: [], mergeKey: '' });
});

test('Go formatting of values in messages', () => {
  assert.equal(goFormatV({ b: [1, 'x', null, true], a: { c: 1.5 } }), 'map[a:map[c:1.5] b:[1 x <nil> true]]');
  assert.equal(goFormatV(1e6 + 0.5), '1.0000005e+06');
  assert.equal(goFormatV(0.00001), '1e-05');
  assert.equal(goFormatV(123456.5), '123456.5');
  assert.equal(goFormatV(null), '<nil>');
  assert.equal(goFormatS(null), '%!s(<nil>)');
  assert.equal(goFormatS(true), '%!s(bool=true)');
  assert.equal(goFormatS(2.5), '%!s(float64=2.5)');
  assert.equal(goFormatS({ a: 1, b: null }), 'map[a:%!s(int64=1) b:<nil>]');
});
