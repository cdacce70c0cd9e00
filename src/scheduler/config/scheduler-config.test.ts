// The scheduler configuration loader: kube-scheduler 1.32's decoding, defaulting and
// validation of a KubeSchedulerConfiguration, and the settings KubeScheduler gets from it.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { inTreeRegistry } from '../plugins/registry.js';
import { Framework } from '../framework/framework.js';
import { Snapshot } from '../cache/snapshot.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import type { SchedulerProfile } from '../framework/profile.js';
import { loadSchedulerConfigFile, parseSchedulerConfig, SchedulerConfigError, type SchedulerSettings } from './scheduler-config.js';

const HEAD = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';

function parse(body: string): SchedulerSettings {
  return parseSchedulerConfig(HEAD + body);
}

/** The problems of a configuration that must be refused. */
function problems(text: string): string {
  try {
    parseSchedulerConfig(text);
  } catch (err) {
    assert.ok(err instanceof SchedulerConfigError, String(err));
    return err.message;
  }
  assert.fail(`accepted:\n${text}`);
}

function framework(profile: SchedulerProfile): Framework {
  const snapshot = new Snapshot();
  return new Framework({ profile, registry: inTreeRegistry(), client: {} as Client, recorder: {} as EventRecorder, snapshot: () => snapshot });
}

const scoreWeights = (p: SchedulerProfile): [string, number][] => framework(p).scorePlugins.map((s) => [s.plugin.name, s.weight]);
const filterNames = (p: SchedulerProfile): string[] => framework(p).filterPlugins.map((f) => f.name);

describe('scheduler configuration: defaults', () => {
  test('an empty configuration is one default profile with kube-scheduler defaults', () => {
    const s = parse('');
    assert.equal(s.profiles.length, 1);
    assert.equal(s.profiles[0]!.schedulerName, 'default-scheduler');
    assert.equal(s.percentageOfNodesToScore, 0);
    assert.equal(s.podInitialBackoffMs, 1000);
    assert.equal(s.podMaxBackoffMs, 10_000);
    assert.deepEqual(scoreWeights(s.profiles[0]!), scoreWeights({ schedulerName: 'x', plugins: { multiPoint: { enabled: s.profiles[0]!.plugins!.multiPoint!.enabled } } }));
    assert.deepEqual(filterNames(s.profiles[0]!), [
      'NodeUnschedulable',
      'NodeName',
      'TaintToleration',
      'NodeAffinity',
      'NodePorts',
      'NodeResourcesFit',
      'VolumeRestrictions',
      'VolumeBinding',
      'VolumeZone',
      'PodTopologySpread',
      'InterPodAffinity',
    ]);
    // VolumeBinding scores only under the VolumeCapacityPriority gate, off in 1.32.
    assert.deepEqual(scoreWeights(s.profiles[0]!), [
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['NodeResourcesFit', 1],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ]);
  });

  test('global settings and JSON input', () => {
    const s = parseSchedulerConfig(
      JSON.stringify({
        apiVersion: 'kubescheduler.config.k8s.io/v1',
        kind: 'KubeSchedulerConfiguration',
        percentageOfNodesToScore: 30,
        podInitialBackoffSeconds: 2,
        podMaxBackoffSeconds: 20,
        profiles: [{ schedulerName: 'default-scheduler', percentageOfNodesToScore: 70 }],
      }),
    );
    assert.equal(s.percentageOfNodesToScore, 30);
    assert.equal(s.podInitialBackoffMs, 2000);
    assert.equal(s.podMaxBackoffMs, 20_000);
    assert.equal(s.profiles[0]!.percentageOfNodesToScore, 70);
  });

  test('fields kube-scheduler accepts and kite has no use for are ignored', () => {
    const s = parse(`
parallelism: 4
enableProfiling: true
enableContentionProfiling: false
delayCacheUntilActive: true
leaderElection:
  leaderElect: true
  leaseDuration: 30s
  renewDeadline: 20s
  retryPeriod: 4s
  resourceLock: leases
  resourceName: my-scheduler
  resourceNamespace: kube-system
clientConnection:
  kubeconfig: /etc/kubernetes/scheduler.conf
  qps: 100
  burst: 200
  contentType: application/vnd.kubernetes.protobuf
extenders: []
`);
    assert.equal(s.profiles.length, 1);
  });
});

describe('scheduler configuration: profiles', () => {
  test('a second profile: per-point weights and disabled plugins, merged over the defaults', () => {
    const s = parse(`
profiles:
- schedulerName: default-scheduler
- schedulerName: my-scheduler
  plugins:
    score:
      disabled:
      - name: ImageLocality
      enabled:
      - name: NodeResourcesFit
        weight: 5
    filter:
      disabled:
      - name: TaintToleration
  pluginConfig:
  - name: NodeResourcesFit
    args:
      apiVersion: kubescheduler.config.k8s.io/v1
      kind: NodeResourcesFitArgs
      scoringStrategy:
        type: MostAllocated
`);
    assert.deepEqual(
      s.profiles.map((p) => p.schedulerName),
      ['default-scheduler', 'my-scheduler'],
    );
    const mine = s.profiles[1]!;
    assert.deepEqual(scoreWeights(mine), [
      ['NodeResourcesFit', 5],
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['NodeResourcesBalancedAllocation', 1],
    ]);
    assert.ok(!filterNames(mine).includes('TaintToleration'));
    assert.ok(filterNames(s.profiles[0]!).includes('TaintToleration'));
    // Args are defaulted as kube-scheduler defaults them, without their type meta.
    assert.deepEqual(mine.pluginConfig, [
      {
        name: 'NodeResourcesFit',
        args: {
          scoringStrategy: {
            type: 'MostAllocated',
            resources: [
              { name: 'cpu', weight: 1 },
              { name: 'memory', weight: 1 },
            ],
          },
        },
      },
    ]);
  });

  test('multiPoint: disabling * and enabling a chosen set', () => {
    const s = parse(`
profiles:
- schedulerName: minimal
  plugins:
    multiPoint:
      disabled: [{name: '*'}]
      enabled:
      - name: PrioritySort
      - name: NodeResourcesFit
        weight: 2
      - name: DefaultBinder
`);
    const f = framework(s.profiles[0]!);
    assert.deepEqual(
      f.filterPlugins.map((p) => p.name),
      ['NodeResourcesFit'],
    );
    assert.deepEqual(scoreWeights(s.profiles[0]!), [['NodeResourcesFit', 2]]);
  });

  test('pluginConfig for a plugin kube-scheduler has no args type for is passed through', () => {
    const s = parse(`
profiles:
- schedulerName: a
  pluginConfig:
  - name: SomeOutOfTreePlugin
    args: {anything: [1, 2]}
`);
    assert.deepEqual(s.profiles[0]!.pluginConfig, [{ name: 'SomeOutOfTreePlugin', args: { anything: [1, 2] } }]);
  });
});

describe('scheduler configuration: refused', () => {
  test('apiVersion and kind', () => {
    assert.match(problems('kind: KubeSchedulerConfiguration\n'), /apiVersion is required: want kubescheduler\.config\.k8s\.io\/v1/);
    assert.match(
      problems('apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n'),
      /apiVersion "kubescheduler\.config\.k8s\.io\/v1beta3" is not supported: want kubescheduler\.config\.k8s\.io\/v1/,
    );
    assert.match(problems('apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeProxyConfiguration\n'), /kind "KubeProxyConfiguration" is not supported: want KubeSchedulerConfiguration/);
  });

  test('not one YAML object', () => {
    assert.match(problems(''), /the file is empty/);
    assert.match(problems(`${HEAD}---\n${HEAD}`), /2 YAML documents/);
    assert.match(problems('- a\n- b\n'), /want a KubeSchedulerConfiguration object, got a list/);
    assert.match(problems(`${HEAD}profiles: [\n`), /error converting YAML to JSON/);
    assert.match(problems(`${HEAD}kind: KubeSchedulerConfiguration\n`), /line 3: key "kind" already set in map/);
    assert.match(problems('{"apiVersion": "kubescheduler.config.k8s.io/v1", "kind": "KubeSchedulerConfiguration", "parallelism": 1, "parallelism": 2}'), /key "parallelism" already set in map/);
  });

  test('YAML 1.1 scalars, as kube-scheduler reads them', () => {
    parse('leaderElection: {leaderElect: yes}\nenableProfiling: off\n');
  });

  test('unknown fields, at any depth, are strict decoding errors', () => {
    assert.equal(
      problems(`${HEAD}percentageOfNodesToScor: 10\nprofiles:\n- schedulerName: a\n  plugins:\n    score:\n      enable: []\n`),
      'scheduler config: strict decoding error: unknown field "percentageOfNodesToScor", unknown field "profiles[0].plugins.score.enable"',
    );
    assert.match(problems(`${HEAD}leaderElection: {leaderElection: true}\n`), /unknown field "leaderElection\.leaderElection"/);
  });

  test('malformed values are type errors, worded as kube-scheduler words them', () => {
    assert.equal(
      problems(`${HEAD}profiles:\n- percentageOfNodesToScore: "50"\n`),
      'scheduler config: json: cannot unmarshal string into Go struct field KubeSchedulerProfile.profiles.percentageOfNodesToScore of type int32',
    );
    assert.match(problems(`${HEAD}podInitialBackoffSeconds: 1.5\n`), /cannot unmarshal number 1\.5 into Go struct field KubeSchedulerConfiguration\.podInitialBackoffSeconds of type int64/);
    assert.match(
      problems(`${HEAD}profiles:\n- plugins:\n    score:\n      enabled: [{name: NodeResourcesFit, weight: 3000000000}]\n`),
      /cannot unmarshal number 3000000000 into Go struct field Plugin\.profiles\.plugins\.score\.enabled\.weight of type int32/,
    );
    assert.match(problems(`${HEAD}profiles: {schedulerName: a}\n`), /cannot unmarshal object into Go struct field KubeSchedulerConfiguration\.profiles of type \[\]v1\.KubeSchedulerProfile/);
    assert.match(problems(`${HEAD}leaderElection: {leaseDuration: soon}\n`), /leaderElection\.leaseDuration: time: invalid duration "soon"/);
  });

  test('kube-scheduler validation: names, ranges, backoffs', () => {
    const msg = problems(`${HEAD}percentageOfNodesToScore: 101
podInitialBackoffSeconds: 5
podMaxBackoffSeconds: 2
parallelism: 0
profiles:
- schedulerName: a
  percentageOfNodesToScore: -1
- schedulerName: a
- plugins: {}
`);
    assert.equal(
      msg,
      'scheduler config: invalid KubeSchedulerConfiguration: [' +
        [
          'parallelism: Invalid value: 0: should be an integer value greater than zero',
          'profiles[0].percentageOfNodesToScore: Invalid value: -1: not in valid range [0-100]',
          'profiles[1].schedulerName: Duplicate value: "a"',
          'profiles[2].schedulerName: Required value',
          'percentageOfNodesToScore: Invalid value: 101: not in valid range [0-100]',
          'podMaxBackoffSeconds: Invalid value: 2: must be greater than or equal to PodInitialBackoffSeconds',
        ].join(', ') +
        ']',
    );
    assert.match(problems(`${HEAD}podInitialBackoffSeconds: 0\n`), /podInitialBackoffSeconds: Invalid value: 0: must be greater than 0/);
  });

  test('every profile must use the same queue sort', () => {
    const msg = problems(`${HEAD}profiles:
- schedulerName: a
- schedulerName: b
  plugins:
    queueSort:
      disabled: [{name: '*'}]
      enabled: [{name: PrioritySort}]
`);
    assert.match(msg, /profiles\[1\]\.plugins\.queueSort: Invalid value: .*: must be the same for all profiles/);
    assert.match(
      problems(`${HEAD}profiles:\n- schedulerName: a\n  plugins:\n    queueSort:\n      enabled: [{name: PrioritySort}, {name: Other}]\n`),
      /profiles\[0\]\.plugins\.queueSort\.Enabled: Invalid value: 2: only one queue sort plugin can be enabled/,
    );
  });

  test('weights: int32, and (kite) not negative', () => {
    assert.match(
      problems(`${HEAD}profiles:\n- plugins:\n    score:\n      enabled: [{name: NodeResourcesFit, weight: -2}]\n`),
      /profiles\[0\]\.plugins\.score\.enabled\[0\]\.weight: Invalid value: -2: must not be negative/,
    );
  });

  test('plugins: unknown, at a point they do not extend, no queue sort, no binder', () => {
    assert.equal(problems(`${HEAD}profiles:\n- schedulerName: x\n  plugins:\n    multiPoint:\n      enabled: [{name: Nope}]\n`), 'scheduler config: profile x: plugin "Nope" does not exist');
    assert.match(problems(`${HEAD}profiles:\n- schedulerName: x\n  plugins:\n    bind:\n      enabled: [{name: NodePorts}]\n`), /profile x: plugin "NodePorts" does not extend bind plugin/);
    assert.match(problems(`${HEAD}profiles:\n- schedulerName: x\n  plugins:\n    multiPoint:\n      disabled: [{name: PrioritySort}]\n`), /profile x: exactly one queue sort plugin is required, got 0/);
    assert.match(problems(`${HEAD}profiles:\n- schedulerName: x\n  plugins:\n    bind:\n      disabled: [{name: '*'}]\n`), /profile x: at least one bind plugin is needed/);
  });

  test('pluginConfig: duplicates, strict args, and kube-scheduler args validation', () => {
    assert.match(
      problems(`${HEAD}profiles:\n- pluginConfig:\n  - name: NodeAffinity\n  - name: NodeAffinity\n`),
      /profiles\[0\]\.pluginConfig\[1\]: Duplicate value: "NodeAffinity"/,
    );
    assert.equal(
      problems(`${HEAD}profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {scoringStrategy: {typ: MostAllocated}}\n`),
      'scheduler config: decoding .profiles[0].pluginConfig[0]: decoding args for plugin NodeResourcesFit: strict decoding error: unknown field "scoringStrategy.typ"',
    );
    assert.match(
      problems(`${HEAD}profiles:\n- pluginConfig:\n  - name: NodeResourcesFit\n    args: {kind: InterPodAffinityArgs}\n`),
      /args\.kind: Invalid value: "InterPodAffinityArgs": args for plugin NodeResourcesFit were not of type kubescheduler\.config\.k8s\.io\.NodeResourcesFitArgs/,
    );
    const msg = problems(`${HEAD}profiles:
- pluginConfig:
  - name: NodeResourcesFit
    args:
      ignoredResourceGroups: [example.com/x]
      scoringStrategy: {type: Fancy, resources: [{name: cpu, weight: 101}]}
  - name: NodeResourcesBalancedAllocation
    args: {resources: [{name: cpu, weight: 2}, {name: cpu}]}
  - name: DefaultPreemption
    args: {minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0}
  - name: InterPodAffinity
    args: {hardPodAffinityWeight: 101}
  - name: PodTopologySpread
    args:
      defaultingType: List
      defaultConstraints:
      - {maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}
      - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {}}
  - name: NodeAffinity
    args:
      addedAffinity:
        requiredDuringSchedulingIgnoredDuringExecution:
          nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: Near}]}]
`);
    for (const expected of [
      `profiles[0].pluginConfig[0].args.ignoredResourceGroups[0]: Invalid value: "example.com/x": resource group name can't contain '/'`,
      'profiles[0].pluginConfig[0].args.scoringStrategy.type: Unsupported value: "Fancy": supported values: "LeastAllocated", "MostAllocated", "RequestedToCapacityRatio"',
      'profiles[0].pluginConfig[0].args.scoringStrategy.resources[0].weight: Invalid value: 101: resource weight of cpu not in valid range (0, 100]',
      'profiles[0].pluginConfig[1].args.resources[0].weight: Invalid value: 2: must be 1',
      'profiles[0].pluginConfig[1].args.resources[1].name: Duplicate value: "cpu"',
      'profiles[0].pluginConfig[2].args.minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute',
      'profiles[0].pluginConfig[3].args.hardPodAffinityWeight: Invalid value: 101: not in valid range [0, 100]',
      'profiles[0].pluginConfig[4].args.defaultConstraints[0].maxSkew: Invalid value: 0: not in valid range (0, inf)',
      'profiles[0].pluginConfig[4].args.defaultConstraints[1].labelSelector: Forbidden: constraint must not define a selector, as they deduced for each pod',
      'profiles[0].pluginConfig[4].args.defaultConstraints[1]: Duplicate value: "{zone, DoNotSchedule}"',
      'profiles[0].pluginConfig[5].args.addedAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: "Near": not a valid selector operator',
    ]) {
      assert.ok(msg.includes(expected), `missing: ${expected}\nin: ${msg}`);
    }
  });

  test('valid args of every in-tree args type are accepted and defaulted', () => {
    const s = parse(`
profiles:
- pluginConfig:
  - name: DefaultPreemption
    args: {minCandidateNodesPercentage: 0}
  - name: InterPodAffinity
    args: {}
  - name: PodTopologySpread
    args:
      defaultingType: List
      defaultConstraints: [{maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway}]
  - name: NodeResourcesBalancedAllocation
    args: {resources: [{name: cpu}, {name: memory, weight: 1}]}
  - name: VolumeBinding
    args: {}
`);
    const args = Object.fromEntries((s.profiles[0]!.pluginConfig ?? []).map((c) => [c.name, c.args]));
    assert.deepEqual(args.DefaultPreemption, { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 100 });
    assert.deepEqual(args.InterPodAffinity, { hardPodAffinityWeight: 1 });
    assert.equal((args.PodTopologySpread as { defaultingType: string }).defaultingType, 'List');
    assert.deepEqual(args.NodeResourcesBalancedAllocation, {
      resources: [
        { name: 'cpu', weight: 1 },
        { name: 'memory', weight: 1 },
      ],
    });
    assert.deepEqual(args.VolumeBinding, { bindTimeoutSeconds: 600 });
    // The plugins take the defaulted args.
    assert.ok(framework(s.profiles[0]!).preBindPlugins.some((p) => p.name === 'VolumeBinding'));
  });

  test('kite refuses what it would otherwise silently ignore: extenders, RequestedToCapacityRatio', () => {
    assert.match(problems(`${HEAD}extenders: [{urlPrefix: "http://127.0.0.1:8888", filterVerb: filter}]\n`), /extenders: Forbidden: kite does not support scheduler extenders/);
    assert.match(
      problems(`${HEAD}profiles:
- pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: RequestedToCapacityRatio
        requestedToCapacityRatio: {shape: [{utilization: 0, score: 0}, {utilization: 100, score: 10}]}
`),
      /scoringStrategy\.type: Unsupported value: "RequestedToCapacityRatio": supported values: "LeastAllocated", "MostAllocated"/,
    );
  });

  test('leaderElection and clientConnection as kube-scheduler checks them', () => {
    const msg = problems(`${HEAD}leaderElection: {leaseDuration: 5s, renewDeadline: 10s, resourceLock: endpoints}\nclientConnection: {burst: -1}\n`);
    assert.match(msg, /clientConnection\.burst: Invalid value: -1: must be non-negative/);
    assert.match(msg, /leaderElection\.leaseDuration: Invalid value: "10s": LeaseDuration must be greater than RenewDeadline/);
    assert.match(msg, /leaderElection\.resourceLock: Invalid value: "endpoints": resourceLock value must be "leases"/);
    // Without leader election nothing of it is checked.
    parse('leaderElection: {leaderElect: false, leaseDuration: 1s, renewDeadline: 10s}\n');
  });
});

describe('scheduler configuration: files', () => {
  test('loadSchedulerConfigFile names the file in its errors', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kite-sched-config-'));
    try {
      const good = join(dir, 'good.yaml');
      writeFileSync(good, `${HEAD}profiles:\n- schedulerName: from-file\n`);
      assert.equal(loadSchedulerConfigFile(good).profiles[0]!.schedulerName, 'from-file');
      const bad = join(dir, 'bad.yaml');
      writeFileSync(bad, `${HEAD}bogus: true\n`);
      assert.throws(() => loadSchedulerConfigFile(bad), { message: `--scheduler-config ${bad}: strict decoding error: unknown field "bogus"` });
      const missing = join(dir, 'missing.yaml');
      assert.throws(() => loadSchedulerConfigFile(missing), (err: Error) => err.message.startsWith(`--scheduler-config ${missing}: could not read the file: ENOENT`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
