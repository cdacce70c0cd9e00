import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import { QueueingHint } from '../../framework/events.js';
import { Status } from '../../framework/status.js';
import { makeNode, makePod, type PodWrapper } from '../../testing/wrappers.js';
import { ERR_REASON_PORTS, NodePorts } from './node-ports.js';

function run(pod: PodWrapper, existing: PodWrapper[]): Status | null {
  const plugin = new NodePorts();
  const state = new CycleState();
  const pi = pod.info();
  const pre = plugin.preFilter(state, pi);
  if (pre?.isSkip()) return null;
  return plugin.filter(state, pi, makeNode('n').info(...existing.map((p) => p.build())));
}

describe('NodePorts', () => {
  const cases: { name: string; pod: PodWrapper; existing: PodWrapper[]; conflict: boolean }[] = [
    { name: 'no host ports', pod: makePod('p'), existing: [makePod('e').hostPort(80)], conflict: false },
    { name: 'a free port', pod: makePod('p').hostPort(8080), existing: [makePod('e').hostPort(80)], conflict: false },
    { name: 'the same port and protocol', pod: makePod('p').hostPort(80), existing: [makePod('e').hostPort(80)], conflict: true },
    { name: 'same port, other protocol', pod: makePod('p').hostPort(53, 'UDP'), existing: [makePod('e').hostPort(53, 'TCP')], conflict: false },
    { name: 'different host IPs', pod: makePod('p').hostPort(80, 'TCP', '10.0.0.1'), existing: [makePod('e').hostPort(80, 'TCP', '10.0.0.2')], conflict: false },
    { name: 'same host IP', pod: makePod('p').hostPort(80, 'TCP', '10.0.0.1'), existing: [makePod('e').hostPort(80, 'TCP', '10.0.0.1')], conflict: true },
    { name: '0.0.0.0 wanted, a specific IP taken', pod: makePod('p').hostPort(80), existing: [makePod('e').hostPort(80, 'TCP', '10.0.0.1')], conflict: true },
    { name: 'a specific IP wanted, 0.0.0.0 taken', pod: makePod('p').hostPort(80, 'TCP', '10.0.0.1'), existing: [makePod('e').hostPort(80)], conflict: true },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const s = run(c.pod, c.existing);
      if (!c.conflict) assert.equal(s, null);
      else {
        assert.deepEqual(s?.reasons, [ERR_REASON_PORTS]);
        assert.equal(s?.codeName(), 'Unschedulable');
      }
    });
  }

  test('ports of sidecar init containers count; of ordinary init containers not', () => {
    const withSidecar = makePod('e').build();
    withSidecar.spec!.initContainers = [
      { name: 'sidecar', restartPolicy: 'Always', ports: [{ containerPort: 9000, hostPort: 9000 }] },
      { name: 'init', ports: [{ containerPort: 9001, hostPort: 9001 }] },
    ];
    const node = makeNode('n').info(withSidecar);
    const plugin = new NodePorts();
    const state = new CycleState();
    const want9000 = makePod('a').hostPort(9000).info();
    plugin.preFilter(state, want9000);
    assert.notEqual(plugin.filter(state, want9000, node), null);
    const want9001 = makePod('b').hostPort(9001).info();
    const state2 = new CycleState();
    plugin.preFilter(state2, want9001);
    assert.equal(plugin.filter(state2, want9001, node), null);
  });

  test('a deleted pod holding a wanted port is worth a retry', () => {
    const hint = new NodePorts().eventsToRegister()[0]!.hint!;
    const pod = makePod('p').hostPort(80).build();
    assert.equal(hint(pod, makePod('e').hostPort(80).nodeName('n').build(), undefined), QueueingHint.Queue);
    assert.equal(hint(pod, makePod('e').hostPort(81).nodeName('n').build(), undefined), QueueingHint.QueueSkip);
    assert.equal(hint(pod, makePod('e').hostPort(80).build(), undefined), QueueingHint.QueueSkip);
  });
});
