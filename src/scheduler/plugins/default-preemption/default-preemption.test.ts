import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../../api/types/core-v1.js';
import type { PodDisruptionBudget } from '../../../api/types/policy-v1.js';
import type { Client } from '../../../client/client.js';
import type { EventRecorder } from '../../../client/events/recorder.js';
import { FakeClock } from '../../../client/workqueue/clock.js';
import { SchedulerCache } from '../../cache/cache.js';
import { Snapshot } from '../../cache/snapshot.js';
import { Framework } from '../../framework/framework.js';
import type { WaitingPod } from '../../framework/interface.js';
import { PodInfo } from '../../framework/pod-info.js';
import { defaultProfile } from '../../framework/profile.js';
import { Code } from '../../framework/status.js';
import { Nominator } from '../../queue/nominator.js';
import { PodPlacer } from '../../schedule-pod.js';
import { makeNode, makePod, type NodeWrapper, type PodWrapper } from '../../testing/wrappers.js';
import { inTreeRegistry } from '../registry.js';
import { defaulted, InvalidDefaultPreemptionArgsError, numCandidates, validate, type DefaultPreemptionArgs } from './args.js';
import { DefaultPreemption, type PreemptionHandle } from './default-preemption.js';
import { pickOneNodeForPreemption, splitByPdbViolation, type Candidate } from './ordering.js';

const clock = new FakeClock();
const T0 = clock.now();

/** A pod bound to node, started `startedAgoS` seconds before T0. */
function bound(w: PodWrapper, node: string, startedAgoS = 0): Pod {
  const p = w.nodeName(node).build();
  p.status = { phase: 'Running', startTime: new Date(T0 - startedAgoS * 1000).toISOString() };
  return p;
}

interface Env {
  readonly plugin: DefaultPreemption;
  readonly fwk: Framework;
  readonly nominator: Nominator;
  readonly calls: string[];
  readonly events: string[];
  readonly activated: string[];
  /** Runs the filters for pod, then PostFilter on their statuses. */
  preempt(pod: PodInfo): { nominated: string | undefined; code: number; message: string };
}

function env(
  nodes: NodeWrapper[],
  pods: Pod[],
  opts: { pdbs?: PodDisruptionBudget[]; args?: Partial<DefaultPreemptionArgs>; random?: () => number; waiting?: Map<string, WaitingPod>; failDelete?: boolean } = {},
): Env {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n.build());
  for (const p of pods) cache.addPod(p);
  const snapshot = new Snapshot();
  cache.updateSnapshot(snapshot);
  const nominator = new Nominator();
  const activated: string[] = [];
  const fwk = new Framework({
    profile: defaultProfile(),
    registry: inTreeRegistry(),
    client: {} as Client,
    recorder: {} as EventRecorder,
    snapshot: () => snapshot,
    nominator,
    activate: (ps) => activated.push(...ps.map((p) => p.metadata.name!)),
  });
  const calls: string[] = [];
  const events: string[] = [];
  const handle: PreemptionHandle = {
    snapshot: () => fwk.snapshot(),
    nominatedPodsForNode: (n) => fwk.nominatedPodsForNode(n),
    runFilterPluginsWithNominatedPods: (s, p, ni) => fwk.runFilterPluginsWithNominatedPods(s, p, ni),
    runPreFilterExtensionAddPod: (s, p, a, ni) => fwk.runPreFilterExtensionAddPod(s, p, a, ni),
    runPreFilterExtensionRemovePod: (s, p, r, ni) => fwk.runPreFilterExtensionRemovePod(s, p, r, ni),
    getWaitingPod: (uid) => opts.waiting?.get(uid),
    activate: (ps) => fwk.activate(ps),
  };
  const plugin = new DefaultPreemption({
    args: validate({ ...defaulted(undefined), ...opts.args }),
    handle,
    pdbs: { list: () => opts.pdbs ?? [] },
    pods: {
      patchStatus: async (pod, status) => void calls.push(`patch ${pod.metadata.name} ${JSON.stringify(status)}`),
      delete: async (pod) => {
        if (opts.failDelete) throw Object.assign(new Error('etcd is on fire'), { code: 500 });
        calls.push(`delete ${pod.metadata.name}`);
      },
    },
    recorder: { event: (obj, type, reason, message) => void events.push(`${'metadata' in obj ? obj.metadata.name : obj.name} ${type} ${reason}: ${message}`) },
    clock,
    random: opts.random ?? (() => 0),
    onError: (err) => calls.push(`error ${(err as Error).message}`),
  });
  const placer = new PodPlacer({ random: () => 0 });
  return {
    plugin,
    fwk,
    nominator,
    calls,
    events,
    activated,
    preempt(pod) {
      const state = fwk.newCycleState();
      const { feasible, diagnosis } = placer.findNodesThatFitPod(fwk, state, pod, snapshot);
      assert.equal(feasible.length, 0, 'the pod must fit nowhere');
      const { result, status } = plugin.postFilter(state, pod, diagnosis.nodeToStatus);
      return { nominated: result?.nominatedNodeName, code: status?.code ?? Code.Success, message: status?.message() ?? '' };
    },
  };
}

const small = (name: string): NodeWrapper => makeNode(name).capacity({ cpu: '2', memory: '8Gi', pods: '110' });

function pdb(name: string, selector: Record<string, string>, allowed: number, disrupted: string[] = []): PodDisruptionBudget {
  return {
    metadata: { name, namespace: 'default' },
    spec: { selector: { matchLabels: selector } },
    status: { disruptionsAllowed: allowed, ...(disrupted.length ? { disruptedPods: Object.fromEntries(disrupted.map((d) => [d, '2025-01-01T00:00:00Z'])) } : {}) },
  };
}

describe('DefaultPreemption: victims', () => {
  const cases: {
    name: string;
    nodes: NodeWrapper[];
    pods: Pod[];
    preemptor: PodWrapper;
    pdbs?: PodDisruptionBudget[];
    nominated?: string;
    deleted: string[];
  }[] = [
    {
      name: 'the lowest-priority pods needed, the others reprieved most important first',
      nodes: [makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: '110' })],
      pods: [bound(makePod('p10').priority(10).req({ cpu: '1' }), 'n1'), bound(makePod('p20').priority(20).req({ cpu: '1' }), 'n1'), bound(makePod('p30').priority(30).req({ cpu: '2' }), 'n1')],
      preemptor: makePod('pre').priority(100).req({ cpu: '2' }),
      nominated: 'n1',
      // p30 goes back first and fits; then neither p20 nor p10 does.
      deleted: ['p20', 'p10'],
    },
    {
      name: 'pods of equal or higher priority are never victims',
      nodes: [small('n1')],
      pods: [bound(makePod('same').priority(100).req({ cpu: '2' }), 'n1')],
      preemptor: makePod('pre').priority(100).req({ cpu: '1' }),
      deleted: [],
    },
    {
      name: 'equal priorities: the pod running longest is kept',
      nodes: [small('n1')],
      pods: [bound(makePod('old').priority(1).req({ cpu: '1' }), 'n1', 3600), bound(makePod('new').priority(1).req({ cpu: '1' }), 'n1', 60)],
      preemptor: makePod('pre').priority(100).req({ cpu: '1' }),
      nominated: 'n1',
      deleted: ['new'],
    },
    {
      name: 'PDB-violating pods are reprieved first',
      nodes: [small('n1')],
      pods: [bound(makePod('guarded').priority(1).labels({ app: 'db' }).req({ cpu: '1' }), 'n1', 60), bound(makePod('free').priority(1).labels({ app: 'web' }).req({ cpu: '1' }), 'n1', 3600)],
      pdbs: [pdb('db', { app: 'db' }, 0)],
      preemptor: makePod('pre').priority(100).req({ cpu: '1' }),
      nominated: 'n1',
      // Without the PDB 'free' (running longer) would be kept.
      deleted: ['free'],
    },
    {
      name: 'a pod the PDB already counts as disrupted does not violate it',
      nodes: [small('n1')],
      pods: [bound(makePod('guarded').priority(1).labels({ app: 'db' }).req({ cpu: '1' }), 'n1', 60), bound(makePod('free').priority(1).labels({ app: 'web' }).req({ cpu: '1' }), 'n1', 3600)],
      pdbs: [pdb('db', { app: 'db' }, 0, ['guarded'])],
      preemptor: makePod('pre').priority(100).req({ cpu: '1' }),
      nominated: 'n1',
      deleted: ['guarded'],
    },
    {
      name: 'nodes rejected as UnschedulableAndUnresolvable are not candidates',
      nodes: [small('tainted').taint('dedicated', 'x', 'NoSchedule'), small('n1')],
      pods: [bound(makePod('t-low').priority(1).req({ cpu: '100m' }), 'tainted'), bound(makePod('low').priority(50).req({ cpu: '2' }), 'n1')],
      preemptor: makePod('pre').priority(100).req({ cpu: '2' }),
      nominated: 'n1',
      deleted: ['low'],
    },
    {
      name: 'the node with the cheaper victims',
      nodes: [small('a'), small('b')],
      pods: [bound(makePod('a-mid').priority(50).req({ cpu: '2' }), 'a'), bound(makePod('b-low').priority(5).req({ cpu: '2' }), 'b')],
      preemptor: makePod('pre').priority(100).req({ cpu: '1' }),
      nominated: 'b',
      deleted: ['b-low'],
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const e = env(c.nodes, c.pods, { pdbs: c.pdbs });
      const r = e.preempt(c.preemptor.info());
      assert.equal(r.nominated, c.nominated ?? '');
      assert.equal(r.code, c.nominated ? Code.Success : Code.Unschedulable);
      await e.plugin.settled();
      assert.deepEqual(
        e.calls.filter((x) => x.startsWith('delete')),
        c.deleted.map((d) => `delete ${d}`),
      );
    });
  }

  test('selectVictimsOnNode reports the PDB violations it could not avoid', () => {
    const e = env([small('n1')], [bound(makePod('g1').priority(1).labels({ app: 'db' }).req({ cpu: '1' }), 'n1'), bound(makePod('g2').priority(1).labels({ app: 'db' }).req({ cpu: '1' }), 'n1')]);
    const pod = makePod('pre').priority(100).req({ cpu: '2' }).info();
    const state = e.fwk.newCycleState();
    e.fwk.runPreFilterPlugins(state, pod, e.fwk.snapshot().list());
    const node = e.fwk.snapshot().get('n1')!;
    const sel = e.plugin.selectVictimsOnNode(state, pod, node, [pdb('db', { app: 'db' }, 1)]);
    assert.equal(sel.status, null);
    assert.deepEqual(sel.victims.map((v) => v.name).sort(), ['g1', 'g2']);
    assert.equal(sel.numPDBViolations, 1);
    assert.equal(node.pods.length, 2, 'the snapshot is untouched');
  });
});

describe('DefaultPreemption: eligibility and messages', () => {
  test('preemptionPolicy Never: not eligible, the nomination left alone', () => {
    const e = env([small('n1')], [bound(makePod('low').priority(1).req({ cpu: '2' }), 'n1')]);
    const pod = makePod('pre').priority(100).req({ cpu: '1' }).build();
    pod.spec!.preemptionPolicy = 'Never';
    const r = e.preempt(new PodInfo(pod));
    assert.deepEqual(r, { nominated: undefined, code: Code.Unschedulable, message: 'preemption: not eligible due to preemptionPolicy=Never.' });
  });

  test('a lower-priority pod terminating by preemption on the nominated node: wait for it', () => {
    const victim = bound(makePod('victim').priority(1).req({ cpu: '2' }), 'n1');
    victim.metadata.deletionTimestamp = '2025-01-01T00:00:30Z';
    victim.status!.conditions = [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler', message: 'x' }];
    const e = env([small('n1')], [victim]);
    const pod = makePod('pre').priority(100).req({ cpu: '1' }).build();
    pod.status = { nominatedNodeName: 'n1' };
    const r = e.preempt(new PodInfo(pod));
    assert.deepEqual(r, { nominated: undefined, code: Code.Unschedulable, message: 'preemption: not eligible due to a terminating pod on the nominated node.' });
    // Terminating for another reason (no DisruptionTarget): preemption may go on.
    delete victim.status!.conditions;
    const again = env([small('n1')], [victim]);
    assert.equal(again.preempt(new PodInfo(pod)).nominated, 'n1');
  });

  test('no candidate: the dry run\'s reasons, "Preemption is not helpful" for the rest, and the nomination cleared', () => {
    const e = env(
      [small('no-victims'), small('too-small'), small('tainted').taint('dedicated', 'x', 'NoSchedule')],
      [bound(makePod('peer').priority(100).req({ cpu: '2' }), 'no-victims'), bound(makePod('low').priority(1).req({ cpu: '1' }), 'too-small')],
    );
    const r = e.preempt(makePod('pre').priority(100).req({ cpu: '3' }).info());
    assert.equal(r.nominated, '');
    assert.equal(r.code, Code.Unschedulable);
    assert.equal(r.message, 'preemption: 0/3 nodes are available: 1 Insufficient cpu, 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.');
  });

  test('every node unresolvable: "Preemption is not helpful for scheduling"', () => {
    const e = env([small('t').taint('dedicated', 'x', 'NoSchedule')], [bound(makePod('low').priority(1), 't')]);
    const r = e.preempt(makePod('pre').priority(100).info());
    assert.equal(r.message, 'preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });
});

describe('DefaultPreemption: making room', () => {
  test('victims get DisruptionTarget, are deleted, and get a Preempted event; lower-priority nominations on the node are cleared', async () => {
    const e = env([small('n1')], [bound(makePod('victim').priority(1).req({ cpu: '2' }), 'n1')]);
    const lowNominated = makePod('waiting-low').priority(5).build();
    lowNominated.status = { nominatedNodeName: 'n1' };
    e.nominator.addNominatedPod(new PodInfo(lowNominated));
    const highNominated = makePod('waiting-high').priority(500).req({ cpu: '100m' }).build();
    highNominated.status = { nominatedNodeName: 'n1' };
    e.nominator.addNominatedPod(new PodInfo(highNominated));
    const pre = makePod('pre').uid('pre-uid').priority(100).req({ cpu: '1' }).info();
    assert.equal(e.preempt(pre).nominated, 'n1');
    await e.plugin.settled();
    assert.deepEqual(e.calls.sort(), [
      'delete victim',
      'patch victim {"conditions":[{"type":"DisruptionTarget","status":"True","reason":"PreemptionByScheduler","message":"default-scheduler: preempting to accommodate a higher priority pod","lastTransitionTime":"2025-01-01T00:00:00Z"}]}',
      'patch waiting-low {"nominatedNodeName":null}',
    ]);
    assert.deepEqual(e.events, ['victim Normal Preempted: Preempted by pod pre-uid on node n1']);
  });

  test('a victim held at Permit is rejected there, not deleted', async () => {
    const victim = bound(makePod('held').uid('held-uid').priority(1).req({ cpu: '2' }), 'n1');
    const rejected: string[] = [];
    const waiting = new Map<string, WaitingPod>([
      ['held-uid', { pod: new PodInfo(victim), pendingPlugins: () => ['X'], allow: () => undefined, reject: (pl, msg) => void rejected.push(`${pl}: ${msg}`) }],
    ]);
    const e = env([small('n1')], [victim], { waiting });
    assert.equal(e.preempt(makePod('pre').uid('pre-uid').priority(100).req({ cpu: '1' }).info()).nominated, 'n1');
    await e.plugin.settled();
    assert.deepEqual(rejected, ['DefaultPreemption: preempted']);
    assert.deepEqual(e.calls, []);
    assert.deepEqual(e.events, ['held Normal Preempted: Preempted by pod pre-uid on node n1']);
  });

  test('a failed deletion is reported and the preemptor activated', async () => {
    const e = env([small('n1')], [bound(makePod('victim').priority(1).req({ cpu: '2' }), 'n1')], { failDelete: true });
    assert.equal(e.preempt(makePod('pre').priority(100).req({ cpu: '1' }).info()).nominated, 'n1');
    await e.plugin.settled();
    assert.ok(e.calls.includes('error etcd is on fire'));
    assert.deepEqual(e.activated, ['pre']);
    assert.deepEqual(e.events, []);
  });

  test('the dry run stops once it has enough candidates, starting at the random offset', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'].map(small);
    const pods = ['a', 'b', 'c', 'd', 'e'].map((n) => bound(makePod(`low-${n}`).priority(1).req({ cpu: '2' }), n));
    const e = env(nodes, pods, { args: { minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 2 } });
    const pod = makePod('pre').priority(100).req({ cpu: '1' }).info();
    const state = e.fwk.newCycleState();
    e.fwk.runPreFilterPlugins(state, pod, e.fwk.snapshot().list());
    const potential = e.fwk.snapshot().list();
    const { candidates } = e.plugin.dryRunPreemption(state, pod, potential, [], 3, 2);
    assert.deepEqual(
      candidates.map((c) => c.name),
      ['d', 'e'],
    );
  });
});

describe('pickOneNodeForPreemption', () => {
  const v = (name: string, priority: number, startedAgoS = 0): PodInfo => new PodInfo(bound(makePod(name).priority(priority), 'x', startedAgoS));
  const cand = (name: string, victims: PodInfo[], numPDBViolations = 0): Candidate => ({ name, victims, numPDBViolations });
  const cases: { name: string; candidates: Candidate[]; want: string }[] = [
    { name: 'fewest PDB violations', candidates: [cand('a', [v('a1', 1)], 1), cand('b', [v('b1', 50)], 0)], want: 'b' },
    { name: 'lowest highest-priority victim', candidates: [cand('a', [v('a1', 20), v('a2', 1)]), cand('b', [v('b1', 10), v('b2', 10)])], want: 'b' },
    { name: 'smallest sum of priorities', candidates: [cand('a', [v('a1', 10), v('a2', 5)]), cand('b', [v('b1', 10), v('b2', 1)])], want: 'b' },
    { name: 'negative priorities sum as offsets: fewer pods win', candidates: [cand('a', [v('a1', -5), v('a2', -5)]), cand('b', [v('b1', -5)])], want: 'b' },
    { name: 'fewest victims', candidates: [cand('a', [v('a1', 10), v('a2', 0)]), cand('b', [v('b1', 10)]), cand('c', [v('c1', 5), v('c2', 5)])], want: 'c' },
    { name: 'latest start of the highest-priority victims', candidates: [cand('a', [v('a1', 10, 600)]), cand('b', [v('b1', 10, 60)])], want: 'b' },
    { name: 'ties: the first', candidates: [cand('a', [v('a1', 10, 60)]), cand('b', [v('b1', 10, 60)])], want: 'a' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(pickOneNodeForPreemption(c.candidates, T0)?.name, c.want));
  test('none', () => assert.equal(pickOneNodeForPreemption([], T0), undefined));
});

describe('splitByPdbViolation', () => {
  test('budgets are spent in order; other namespaces, unlabelled pods and empty selectors never match', () => {
    const pods = [makePod('a1').labels({ app: 'a' }).info(), makePod('a2').labels({ app: 'a' }).info(), makePod('bare').info(), makePod('other', 'elsewhere').labels({ app: 'a' }).info()];
    const empty: PodDisruptionBudget = { metadata: { name: 'all', namespace: 'default' }, spec: { selector: {} }, status: { disruptionsAllowed: 0 } };
    const { violating, nonViolating } = splitByPdbViolation(pods, [pdb('a', { app: 'a' }, 1), empty]);
    assert.deepEqual(
      violating.map((p) => p.name),
      ['a2'],
    );
    assert.deepEqual(
      nonViolating.map((p) => p.name),
      ['a1', 'bare', 'other'],
    );
  });
});

describe('DefaultPreemptionArgs', () => {
  test('defaults: 10% / 100; numCandidates takes the larger, never more than the nodes', () => {
    const args = defaulted(undefined);
    assert.deepEqual(args, { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 100 });
    assert.equal(numCandidates(args, 50), 50);
    assert.equal(numCandidates(args, 500), 100);
    assert.equal(numCandidates(args, 5000), 500);
    assert.deepEqual(defaulted({ minCandidateNodesAbsolute: 0 }), { minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: 0 });
  });

  test('validation', () => {
    const bad = (args: DefaultPreemptionArgs): string => {
      try {
        validate(args);
        return '';
      } catch (err) {
        assert.ok(err instanceof InvalidDefaultPreemptionArgsError);
        return err.message;
      }
    };
    assert.equal(bad({ minCandidateNodesPercentage: 101, minCandidateNodesAbsolute: 1 }), 'minCandidateNodesPercentage: Invalid value: 101: not in valid range [0, 100]');
    assert.equal(bad({ minCandidateNodesPercentage: 10, minCandidateNodesAbsolute: -1 }), 'minCandidateNodesAbsolute: Invalid value: -1: not in valid range [0, inf)');
    assert.equal(
      bad({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 0 }),
      '[minCandidateNodesPercentage: Invalid value: 0: cannot be zero at the same time as minCandidateNodesAbsolute, minCandidateNodesAbsolute: Invalid value: 0: cannot be zero at the same time as minCandidateNodesPercentage]',
    );
    assert.equal(bad({ minCandidateNodesPercentage: 0, minCandidateNodesAbsolute: 5 }), '');
    assert.throws(() => defaulted({ minCandidateNodesPercentage: '10' }), InvalidDefaultPreemptionArgsError);
  });
});
