// Events recorded with the client library over HTTP against a real `kite server` process,
// as the real kubectl shows them: a core/v1 Event repeated three times (count 3) and an
// events.k8s.io/v1 Event that became a series (count 2) appear in `kubectl events` and in the
// Events section of `kubectl describe`, with their reason, source and count.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Client } from '../../src/client/index.js';
import { EventBroadcaster, EventsV1Broadcaster } from '../../src/client/events/index.js';
import { startKite, type KiteProcess } from './harness.js';

const NS = 'client-events';

describe('recorded events as kubectl shows them', { timeout: 60_000 }, () => {
  let kite: KiteProcess;
  let client: Client;

  before(async () => {
    kite = await startKite();
    client = Client.fromKubeconfig(kite.kubeconfig, { userAgent: 'client-events-e2e' });
    await client.core.namespaces().create({ metadata: { name: NS } });
    const subject = await client.core.configmaps(NS).create({ metadata: { name: 'subject' }, data: { k: 'v' } });

    const core = new EventBroadcaster({ client: client.core.events() });
    const recorder = core.newRecorder({ component: 'test-controller', host: 'node-1' });
    for (let i = 0; i < 3; i++) recorder.event(subject, 'Warning', 'FailedSync', 'could not sync the subject');
    await core.flush();

    const v1 = new EventsV1Broadcaster({ client: client.events.events(), host: 'node-1' });
    const v1Recorder = v1.newRecorder('kite.dev/test-operator');
    v1Recorder.eventf(subject, undefined, 'Normal', 'Mirrored', 'Mirror', 'mirrored the subject');
    v1Recorder.eventf(subject, undefined, 'Normal', 'Mirrored', 'Mirror', 'mirrored the subject');
    await v1.flush();
    v1.shutdown();
  });

  after(async () => {
    client?.close();
    await kite?.stop();
  });

  /** The output line that mentions `text`. */
  function lineWith(output: string, text: string): string {
    const line = output.split('\n').find((l) => l.includes(text));
    assert.ok(line, `no line with ${JSON.stringify(text)} in:\n${output}`);
    return line;
  }

  test('kubectl events lists both, with their counts', async () => {
    const out = await kite.k(['events', '-n', NS]);
    const failed = lineWith(out, 'FailedSync');
    assert.match(failed, /\(x3 over [^)]+\)\s+Warning\s+FailedSync\s+ConfigMap\/subject\s+could not sync the subject/);
    const mirrored = lineWith(out, 'Mirrored');
    assert.match(mirrored, /\(x2 over [^)]+\)\s+Normal\s+Mirrored\s+ConfigMap\/subject\s+mirrored the subject/);
  });

  test('kubectl describe shows them in the object\'s Events, with their source', async () => {
    const out = await kite.k(['describe', 'configmap', 'subject', '-n', NS]);
    const events = out.slice(out.indexOf('Events:'));
    assert.match(lineWith(events, 'FailedSync'), /Warning\s+FailedSync\s+\S+ \(x3 over [^)]+\)\s+test-controller\s+could not sync the subject/);
    assert.match(lineWith(events, 'Mirrored'), /Normal\s+Mirrored\s+\S+ \(x2 over [^)]+\)\s+kite\.dev\/test-operator\s+mirrored the subject/);
  });
});
