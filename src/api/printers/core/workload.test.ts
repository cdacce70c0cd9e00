import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POD_TEMPLATE_TABLE, REPLICATION_CONTROLLER_TABLE } from './workload.js';
import { ODD_OBJECTS, NOW, ago, cells } from './testing.js';

const template = {
  metadata: { labels: { tier: 'web', app: 'shop' } },
  spec: { containers: [{ name: 'app', image: 'shop:1.2' }, { name: 'proxy', image: 'envoy:1.30' }] },
};

describe('pod template table', () => {
  it('prints containers, images and pod labels, and no age', () => {
    assert.deepEqual(POD_TEMPLATE_TABLE.columns.map((c) => [c.name, c.priority]), [['Name', 0], ['Containers', 0], ['Images', 0], ['Pod Labels', 0]]);
    assert.deepEqual(POD_TEMPLATE_TABLE.row({ metadata: { name: 'pt' }, template }, NOW), ['pt', 'app,proxy', 'shop:1.2,envoy:1.30', 'app=shop,tier=web']);
  });

  it('prints placeholders for a template with only metadata', () => {
    assert.deepEqual(POD_TEMPLATE_TABLE.row({ metadata: { name: 'bare' } }, NOW), ['bare', '', '', '<none>']);
  });
});

describe('replication controller table', () => {
  it('has the Kubernetes 1.32 columns', () => {
    assert.deepEqual(
      REPLICATION_CONTROLLER_TABLE.columns.map((c) => [c.name, c.type, c.priority]),
      [
        ['Name', 'string', 0], ['Desired', 'integer', 0], ['Current', 'integer', 0], ['Ready', 'integer', 0], ['Age', 'string', 0],
        ['Containers', 'string', 1], ['Images', 'string', 1], ['Selector', 'string', 1],
      ],
    );
  });

  it('prints counts and the wide columns', () => {
    const rc = {
      metadata: { name: 'rc', creationTimestamp: ago(300) },
      spec: { replicas: 3, selector: { app: 'shop' }, template },
      status: { replicas: 3, readyReplicas: 2 },
    };
    assert.deepEqual(REPLICATION_CONTROLLER_TABLE.row(rc, NOW), ['rc', 3, 3, 2, '5m', 'app,proxy', 'shop:1.2,envoy:1.30', 'app=shop']);
  });

  it('prints zeros for a controller with only metadata', () => {
    assert.deepEqual(REPLICATION_CONTROLLER_TABLE.row({ metadata: { name: 'bare' } }, NOW), ['bare', 0, 0, 0, '<unknown>', '', '', '<none>']);
  });

  it('never throws on odd objects', () => {
    for (const printer of [POD_TEMPLATE_TABLE, REPLICATION_CONTROLLER_TABLE]) {
      for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(printer, obj));
    }
  });
});
