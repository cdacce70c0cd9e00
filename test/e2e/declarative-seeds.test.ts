// The manifests of the project's seed notes (../shared/seeds: Chinese notes with YAML in code
// blocks), applied with the real kubectl and default validation, as users would apply them.
// They are copied verbatim into fixtures/seeds/ (named <note>-L<line>-<kind>-<name>.yaml); the
// first test checks the copies against the notes when ../shared is present.
//
// Eight apply and read back with Kubernetes 1.32's defaults. Five fail in kubectl itself,
// exactly as they would against Kubernetes (kubectl parses the file before it talks to the
// server): the CronJob and the Service are indented with tabs (and the CronJob uses
// batch/v1beta1, removed in Kubernetes 1.25: repaired, it still fails; moved to batch/v1 it
// applies), the two-containers Pod is mis-indented, one Pod is a fragment whose `...` ends the
// YAML document before its spec, and one Job excerpt has no apiVersion or kind.

import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { API_ONLY, type KiteProcess, startKite } from './harness.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const FIXTURES = join(REPO, 'test', 'e2e', 'fixtures', 'seeds');
const SEEDS = join(REPO, '..', 'shared', 'seeds');
const NS = 'seeds';

let kite: KiteProcess;
before(async () => {
  kite = await startKite({ args: API_ONLY });
  await kite.k(['create', 'namespace', NS]);
});
after(() => kite.stop());

const fixture = (name: string) => join(FIXTURES, name);

async function getYaml(ns: string, what: string): Promise<any> {
  return parseYaml(await kite.k(['-n', ns, 'get', what, '-o', 'yaml']));
}

/** The code blocks of a note that hold a manifest (or a piece of one), as Markdown reads
 *  them: a fence's own indentation is removed from the lines inside it. */
function manifestBlocks(note: string): { line: number; text: string }[] {
  const lines = note.split('\n');
  const blocks: { line: number; text: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```\S*\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++) {
      const strip = /^ */.exec(lines[j])![0].length;
      body.push(lines[j].slice(Math.min(indent, strip)));
    }
    const text = body.join('\n');
    if (/^\s*(kind|spec):/m.test(text)) blocks.push({ line: i + 1, text });
    i = j;
  }
  return blocks;
}

test('the fixtures are the manifests of the seed notes, verbatim', { skip: !existsSync(SEEDS) && 'no ../shared/seeds here' }, () => {
  const expected = new Map<string, string>();
  const seen = new Set<string>();
  for (const note of readdirSync(SEEDS).sort()) {
    for (const block of manifestBlocks(readFileSync(join(SEEDS, note), 'utf8'))) {
      if (seen.has(block.text)) continue; // the notes repeat some examples
      seen.add(block.text);
      expected.set(`${note.slice(0, 3)}-L${block.line}`, `${block.text}\n`);
    }
  }
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
  assert.deepEqual(files.map((f) => /^\d{3}-L\d+/.exec(f)![0]).sort(), [...expected.keys()].sort());
  for (const f of files) assert.equal(readFileSync(join(FIXTURES, f), 'utf8'), expected.get(/^\d{3}-L\d+/.exec(f)![0]), f);
});

const APPLIED: [file: string, out: string][] = [
  ['000-L101-deployment-nginx-deployment.yaml', 'deployment.apps/nginx-deployment created'],
  ['000-L151-replicaset-nginx-set.yaml', 'replicaset.apps/nginx-set created'],
  ['004-L108-pod-nginx.yaml', 'pod/nginx created'],
  ['004-L134-pod-lifecycle-demo.yaml', 'pod/lifecycle-demo created'],
  ['004-L162-pod-test-liveness-exec.yaml', 'pod/test-liveness-exec created'],
  ['004-L382-statefulset-web.yaml', 'statefulset.apps/web created'],
  ['004-L490-job-pi.yaml', 'job.batch/pi created'],
];

const CONTAINER = {
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
};
const POD_SPEC = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

describe('applying the seed manifests with default validation', () => {
  test('the complete manifests apply', async () => {
    for (const [file, out] of APPLIED) assert.equal(await kite.k(['-n', NS, 'apply', '-f', fixture(file)]), `${out}\n`, file);
    // The DaemonSet names its namespace.
    const ds = '004-L435-daemonset-fluentd-elasticsearch.yaml';
    assert.equal(await kite.k(['apply', '-f', fixture(ds)]), 'daemonset.apps/fluentd-elasticsearch created\n');
  });

  test('re-applying them changes nothing', async () => {
    for (const [file, out] of APPLIED) {
      if (file.includes('statefulset')) continue;
      assert.equal(await kite.k(['-n', NS, 'apply', '-f', fixture(file)]), `${out.replace(/ created$/, ' unchanged')}\n`, file);
    }
    // volumeClaimTemplates is an atomic list, and the claim template reads back with the fields
    // Kubernetes fills (apiVersion, kind, volumeMode, status), so kubectl's three-way merge
    // always sends the list again and prints "configured" (as against Kubernetes); the server
    // finds nothing to change and writes nothing.
    const before_ = await getYaml(NS, 'statefulset/web');
    assert.equal(await kite.k(['-n', NS, 'apply', '-f', fixture('004-L382-statefulset-web.yaml')]), 'statefulset.apps/web configured\n');
    const after_ = await getYaml(NS, 'statefulset/web');
    assert.equal(after_.metadata.resourceVersion, before_.metadata.resourceVersion);
    assert.equal(after_.metadata.generation, 1);
  });

  test('Deployment nginx-deployment', async () => {
    const d = await getYaml(NS, 'deployment/nginx-deployment');
    assert.deepEqual(d.spec, {
      progressDeadlineSeconds: 600,
      replicas: 2,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'nginx' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } },
        spec: {
          containers: [{ name: 'nginx', image: 'nginx:1.7.9', imagePullPolicy: 'IfNotPresent', ports: [{ containerPort: 80, protocol: 'TCP' }], ...CONTAINER }],
          ...POD_SPEC,
        },
      },
    });
  });

  test('ReplicaSet nginx-set', async () => {
    const rs = await getYaml(NS, 'replicaset/nginx-set');
    assert.deepEqual(rs.metadata.labels, { app: 'nginx' });
    assert.equal(rs.spec.replicas, 3);
    assert.deepEqual(rs.spec.template.spec, { containers: [{ name: 'nginx', image: 'nginx:1.7.9', imagePullPolicy: 'IfNotPresent', ...CONTAINER }], ...POD_SPEC });
    // The status is the ReplicaSet controller's from here on (it starts at { replicas: 0 }).
    assert.equal(typeof rs.status.replicas, 'number');
  });

  test('StatefulSet web: its volumeMounts name the claim template, which reads back as a full claim', async () => {
    const s = await getYaml(NS, 'statefulset/web');
    assert.equal(s.spec.podManagementPolicy, 'OrderedReady');
    assert.deepEqual(s.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    assert.deepEqual(s.spec.persistentVolumeClaimRetentionPolicy, { whenDeleted: 'Retain', whenScaled: 'Retain' });
    assert.equal(s.spec.revisionHistoryLimit, 10);
    assert.deepEqual(s.spec.template.spec.containers[0].volumeMounts, [{ name: 'www', mountPath: '/usr/share/nginx/html' }]);
    assert.deepEqual(s.spec.template.spec.containers[0].ports, [{ containerPort: 80, name: 'web', protocol: 'TCP' }]);
    assert.deepEqual(s.spec.volumeClaimTemplates, [
      {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        metadata: { creationTimestamp: null, name: 'www' },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
        status: { phase: 'Pending' },
      },
    ]);
    assert.deepEqual(s.status, { replicas: 0, availableReplicas: 0 });
  });

  test('DaemonSet fluentd-elasticsearch in kube-system', async () => {
    const ds = await getYaml('kube-system', 'daemonset/fluentd-elasticsearch');
    assert.deepEqual(ds.spec.updateStrategy, { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } });
    assert.equal(ds.spec.revisionHistoryLimit, 10);
    const spec = ds.spec.template.spec;
    assert.deepEqual(spec.tolerations, [{ key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' }]);
    assert.deepEqual(spec.volumes, [
      { name: 'varlog', hostPath: { path: '/var/log', type: '' } },
      { name: 'varlibdockercontainers', hostPath: { path: '/var/lib/docker/containers', type: '' } },
    ]);
    assert.deepEqual(spec.containers[0].resources, { limits: { memory: '200Mi' }, requests: { cpu: '100m', memory: '200Mi' } });
    assert.equal(spec.containers[0].imagePullPolicy, 'IfNotPresent');
    assert.equal(ds.metadata.annotations['deprecated.daemonset.template.generation'], '1');
    assert.deepEqual(ds.status, { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
  });

  test('Job pi', async () => {
    const j = await getYaml(NS, 'job/pi');
    assert.equal(j.spec.backoffLimit, 4);
    assert.equal(j.spec.completions, 1);
    assert.equal(j.spec.parallelism, 1);
    assert.equal(j.spec.completionMode, 'NonIndexed');
    assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': j.metadata.uid } });
    // The trailing space after the image is YAML's, not part of the value.
    assert.deepEqual(j.spec.template.spec.containers[0], {
      name: 'pi',
      image: 'resouer/ubuntu-bc',
      imagePullPolicy: 'Always',
      command: ['sh', '-c', "echo 'scale=10000; 4*a(1)' | bc -l "],
      ...CONTAINER,
    });
    assert.equal(j.spec.template.spec.restartPolicy, 'Never');
  });

  test('Pods: hostNetwork nginx, lifecycle-demo, test-liveness-exec', async () => {
    const nginx = await getYaml(NS, 'pod/nginx');
    assert.equal(nginx.spec.hostNetwork, true);
    assert.equal(nginx.spec.dnsPolicy, 'ClusterFirst');
    assert.deepEqual(nginx.spec.containers.map((c: any) => [c.name, c.imagePullPolicy, c.stdin ?? false, c.tty ?? false]), [
      ['nginx', 'Always', false, false],
      ['shell', 'Always', true, true],
    ]);
    assert.deepEqual(nginx.spec.tolerations.map((t: any) => t.tolerationSeconds), [300, 300]);
    // Unbound: Pending (the scheduler may add its PodScheduled condition).
    assert.equal(nginx.status.phase, 'Pending');
    assert.equal(nginx.status.qosClass, 'BestEffort');

    const lifecycle = await getYaml(NS, 'pod/lifecycle-demo');
    assert.deepEqual(lifecycle.spec.containers[0].lifecycle, {
      postStart: { exec: { command: ['/bin/sh', '-c', 'echo Hello from the postStart handler > /usr/share/message'] } },
      preStop: { exec: { command: ['/usr/sbin/nginx', '-s', 'quit'] } },
    });

    const liveness = await getYaml(NS, 'pod/test-liveness-exec');
    assert.deepEqual(liveness.spec.containers[0].livenessProbe, {
      exec: { command: ['cat', '/tmp/healthy'] },
      failureThreshold: 3,
      initialDelaySeconds: 5,
      periodSeconds: 5,
      successThreshold: 1,
      timeoutSeconds: 1,
    });
    assert.equal(liveness.spec.serviceAccountName, 'default');
  });
});

describe('seed manifests kubectl cannot apply (as against Kubernetes)', () => {
  const applyFails = async (file: string): Promise<string> => {
    const r = await kite.kubectl(['-n', NS, 'apply', '-f', fixture(file)]);
    assert.equal(r.code, 1, `${file}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stdout, '');
    return r.stderr;
  };

  test('CronJob hello: tab indentation; repaired, batch/v1beta1 is gone; as batch/v1 it applies', async () => {
    const file = '000-L293-cronjob-hello.yaml';
    assert.equal(
      await applyFails(file),
      `error: error parsing ${fixture(file)}: error converting YAML to JSON: yaml: line 17: found a tab character that violates indentation\n`,
    );
    const repaired = readFileSync(fixture(file), 'utf8')
      .replace('        \t\t\t- date;', '              - date;')
      .replace('      \t\trestartPolicy', '          restartPolicy');
    const r = await kite.kubectl(['-n', NS, 'apply', '-f', '-'], { input: repaired });
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'error: resource mapping not found for name: "hello" namespace: "" from "STDIN": no matches for kind "CronJob" in version "batch/v1beta1"\nensure CRDs are installed first\n',
    );
    assert.equal(await kite.k(['-n', NS, 'apply', '-f', '-'], repaired.replace('batch/v1beta1', 'batch/v1')), 'cronjob.batch/hello created\n');
    const cj = await getYaml(NS, 'cronjob/hello');
    assert.deepEqual([cj.spec.concurrencyPolicy, cj.spec.suspend, cj.spec.successfulJobsHistoryLimit, cj.spec.failedJobsHistoryLimit], ['Allow', false, 3, 1]);
    assert.deepEqual(cj.spec.jobTemplate.spec.template.spec.containers[0].args, ['/bin/sh', '-c', 'date; echo Hello from the Kubernetes cluster']);
  });

  test('Service hostnames: tab indentation; repaired it applies', async () => {
    const file = '001-L456-service-hostnames.yaml';
    assert.equal(
      await applyFails(file),
      `error: error parsing ${fixture(file)}: error converting YAML to JSON: yaml: line 11: found a tab character that violates indentation\n`,
    );
    const repaired = readFileSync(fixture(file), 'utf8').replaceAll('\t\t', '    ');
    assert.equal(await kite.k(['-n', NS, 'apply', '-f', '-'], repaired), 'service/hostnames created\n');
    const svc = await getYaml(NS, 'service/hostnames');
    assert.match(svc.spec.clusterIP, /^10\.43\./);
    assert.deepEqual(svc.spec.ports, [{ name: 'default', port: 80, protocol: 'TCP', targetPort: 9376 }]);
    assert.equal(svc.spec.type, 'ClusterIP');
  });

  test('Pod two-containers: mis-indented YAML', async () => {
    const file = '004-L67-pod-two-containers.yaml';
    assert.equal(await applyFails(file), `error: error parsing ${fixture(file)}: error converting YAML to JSON: yaml: line 9: mapping values are not allowed in this context\n`);
  });

  test('the nodeSelector Pod fragment: `...` ends the document, leaving a Pod without a name', async () => {
    const file = '004-L94-pod-node-selector.yaml';
    assert.equal(
      await applyFails(file),
      `error: error when retrieving current configuration of:\nResource: "/v1, Resource=pods", GroupVersionKind: "/v1, Kind=Pod"\nName: "", Namespace: "${NS}"\nfrom server for: "${fixture(file)}": resource name may not be empty\n`,
    );
  });

  test('the Job spec excerpt has no apiVersion or kind', async () => {
    const file = '002-L426-fragment-job-spec.yaml';
    assert.equal(
      await applyFails(file),
      `error: error validating "${fixture(file)}": error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n`,
    );
  });
});
