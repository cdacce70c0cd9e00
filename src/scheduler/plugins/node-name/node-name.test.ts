import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { ERR_REASON_NODE_NAME, NodeName } from './node-name.js';

describe('NodeName', () => {
  const cases: { name: string; want?: string; node: string; fits: boolean }[] = [
    { name: 'no node named', node: 'a', fits: true },
    { name: 'the named node', want: 'a', node: 'a', fits: true },
    { name: 'another node', want: 'a', node: 'b', fits: false },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const pod = makePod('p');
      if (c.want) pod.nodeName(c.want);
      const s = new NodeName().filter(new CycleState(), pod.info(), makeNode(c.node).info());
      if (c.fits) assert.equal(s, null);
      else assert.deepEqual(s?.reasons, [ERR_REASON_NODE_NAME]);
    });
  }
  test('PreFilter skips the Filter for pods that name no node', () => {
    assert.ok(new NodeName().preFilter(new CycleState(), makePod('p').info())?.isSkip());
    assert.equal(new NodeName().preFilter(new CycleState(), makePod('p').nodeName('a').info()), null);
  });
});
