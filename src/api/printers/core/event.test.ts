import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../meta.js';
import { EVENT_TABLE } from './event.js';
import { ODD_OBJECTS, ago, cells } from './testing.js';

function event(fields: Record<string, unknown>): KubeObject {
  return { metadata: { name: 'web.17a3', namespace: 'default', creationTimestamp: ago(600) }, ...fields };
}

const COLUMNS = ['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name'];

describe('event table', () => {
  it('has the Kubernetes 1.32 columns, NAME last and wide', () => {
    assert.deepEqual(EVENT_TABLE.columns.map((c) => c.name), COLUMNS);
    assert.deepEqual(EVENT_TABLE.columns.map((c) => c.priority), [0, 0, 0, 0, 1, 1, 0, 1, 1, 1]);
    assert.equal(EVENT_TABLE.columns[9]!.format, 'name');
  });

  const cases: { name: string; event: KubeObject; want: Partial<Record<(typeof COLUMNS)[number], unknown>> }[] = [
    {
      name: 'a core event seen several times',
      event: event({
        involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container\n',
        source: { component: 'kubelet', host: 'n1' },
        firstTimestamp: ago(600),
        lastTimestamp: ago(120),
        count: 7,
      }),
      want: {
        'Last Seen': '2m', Type: 'Warning', Reason: 'BackOff', Object: 'pod/web-1', Subobject: 'spec.containers{app}',
        Source: 'kubelet, n1', Message: 'Back-off restarting failed container', 'First Seen': '10m', Count: 7, Name: 'web.17a3',
      },
    },
    {
      name: 'an events.k8s.io event seen once',
      event: event({
        involvedObject: { kind: 'Node', name: 'n1' },
        type: 'Normal',
        reason: 'Starting',
        eventTime: '2025-01-15T11:59:30.123456Z',
        reportingComponent: 'kube-proxy',
        reportingInstance: 'kube-proxy-n1',
      }),
      want: { 'Last Seen': '29s', Object: 'node/n1', Source: 'kube-proxy, kube-proxy-n1', 'First Seen': '29s', Count: 1 },
    },
    {
      name: 'an event series',
      event: event({
        involvedObject: { kind: 'Pod', name: 'web-1' },
        eventTime: ago(3600),
        series: { count: 12, lastObservedTime: '2025-01-15T11:58:00.000000Z' },
        count: 3,
      }),
      want: { 'Last Seen': '2m', 'First Seen': '60m', Count: 12 },
    },
    {
      name: 'an object without a name, a source without a host',
      event: event({ involvedObject: { kind: 'ClusterRoleBinding' }, source: { component: 'rbac' }, lastTimestamp: ago(5) }),
      want: { Object: 'clusterrolebinding', Source: 'rbac', 'Last Seen': '5s', 'First Seen': '<unknown>' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const row = cells(EVENT_TABLE, c.event);
      for (const [col, want] of Object.entries(c.want)) assert.equal(row[col], want, col);
    });
  }

  it('prints placeholders for an event with only metadata', () => {
    assert.deepEqual(EVENT_TABLE.row({ metadata: { name: 'bare' } }, new Date()), ['<unknown>', '', '', '', '', '', '', '<unknown>', 1, 'bare']);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(EVENT_TABLE, obj));
  });
});
